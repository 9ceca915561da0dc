package org.safercities.platform.links;

import java.time.LocalDate;
import java.util.List;

/**
 * Published by partnerships: the two bodies of the process, the multi-sector technical group (G§39) and the
 * coordination centre (G§24a), with their focal points and meetings, so that the review report can count them
 * without depending on partnerships. No contact details, ever.
 */
public interface CoalitionFigures {

    String TECHNICAL_GROUP = "technical_group";
    String COORDINATION_CENTRE = "coordination_centre";

    /** A member of a body: an organisation's focal point or a person, as an actor of the map (its local name). */
    record FocalPoint(long actorId, String name, String type) {
    }

    /** A meeting: when, how many attended, what was decided (one decision per line; empty when none recorded). */
    record MeetingFigure(LocalDate heldOn, int attendees, String decisions) {

        /** The decisions recorded: the non-blank lines of {@link #decisions()}. */
        public List<String> decisionLines() {
            return decisions.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    /**
     * One body over a period: the focal points whose membership overlapped it and the meetings held in it, oldest
     * first.
     */
    record BodyFigures(String kind, long actorId, String name, List<FocalPoint> focalPoints, List<MeetingFigure> meetings) {

        public int attendees() {
            return meetings.stream().mapToInt(MeetingFigure::attendees).sum();
        }

        /** Decisions recorded at the period's meetings (lines, see {@link MeetingFigure#decisionLines()}). */
        public int decisions() {
            return meetings.stream().mapToInt(m -> m.decisionLines().size()).sum();
        }
    }

    /**
     * The bodies designated so far ({@link #TECHNICAL_GROUP} first, then {@link #COORDINATION_CENTRE}) over
     * {@code from}–{@code until}, both days included; a body not designated yet is left out.
     */
    List<BodyFigures> bodies(LocalDate from, LocalDate until);
}
