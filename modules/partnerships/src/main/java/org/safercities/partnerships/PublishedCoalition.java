package org.safercities.partnerships;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.safercities.platform.links.CoalitionFigures;

/** What partnerships publishes for the review report: the two bodies' focal points and meetings over a period. */
final class PublishedCoalition implements CoalitionFigures {

    private final CoalitionService coalition;

    PublishedCoalition(CoalitionService coalition) {
        this.coalition = coalition;
    }

    @Override
    public List<BodyFigures> bodies(LocalDate from, LocalDate until) {
        if (from == null || until == null || until.isBefore(from)) {
            throw new IllegalArgumentException("a period from one day to a later one: " + from + " – " + until);
        }
        Map<String, Long> designated = coalition.bodies();
        List<BodyFigures> out = new ArrayList<>();
        for (String kind : CoalitionService.BODIES) {
            Long id = designated.get(kind);
            if (id == null) {
                continue;
            }
            String name = coalition.partners().actor(id).map(Actor::name).orElse("");
            List<FocalPoint> members = coalition.membersDuring(id, from, until).stream()
                    .map(a -> new FocalPoint(a.id(), a.name(), a.type())).toList();
            List<MeetingFigure> meetings = coalition.meetingsOf(id).stream()
                    .filter(m -> !m.heldOn().isBefore(from) && !m.heldOn().isAfter(until))
                    .sorted(Comparator.comparing(Meeting::heldOn).thenComparing(Meeting::id))
                    .map(m -> new MeetingFigure(m.heldOn(), m.attendees(), m.decisions() == null ? "" : m.decisions()))
                    .toList();
            out.add(new BodyFigures(kind, id, name, members, meetings));
        }
        return out;
    }
}
