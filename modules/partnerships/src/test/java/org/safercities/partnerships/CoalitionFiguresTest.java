package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;
import org.safercities.platform.links.CoalitionFigures;
import org.safercities.platform.links.CoalitionFigures.BodyFigures;
import org.safercities.platform.links.CoalitionFigures.FocalPoint;

/**
 * The counts the review report takes from partnerships through {@code platform.links}: published by the module
 * in the kit's ModuleLinks and right against a hand-built technical group on a real store (members and meetings
 * recorded over HTTP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoalitionFiguresTest {

    private Fixture f;
    private PartnershipService s;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
        s = f.service();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private long add(String name, String type) {
        return s.create(Fixture.form(name, type, "engaged", List.of(), List.of()), "test", "-");
    }

    private void member(long who, long body, String from, String until) {
        s.addRelationship(who, new RelationshipForm(Long.toString(body), Codes.MEMBER_OF, from, until, "2"), "test", "-");
    }

    @Test
    void theBodiesFocalPointsMeetingsAndDecisionsOfAPeriodArePublished() {
        CoalitionFigures figures = f.platform().links().find(CoalitionFigures.class).orElseThrow();
        // the demo's bodies first: the coordination centre's figures are there until its actor is deleted
        assertEquals(List.of("technical_group", "coordination_centre"),
                figures.bodies(LocalDate.now().minusYears(1), LocalDate.now()).stream().map(BodyFigures::kind).toList());
        f.coalition().bodies().values().forEach(id -> s.delete(id, "test", "-"));
        assertEquals(List.of(), figures.bodies(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), "no body designated");

        long group = add("Figures Technical Group", "local_government");
        long always = add("Figures police focal point", "police_justice");
        long person = s.create(new ActorForm("Figures Dr. Wanjiru", "health", "", "", "3", "3", "engaged", "", List.of(),
                List.of(), "person", Map.of()), "test", "-");
        long leftEarly = add("Figures left in 2024", "ngo");
        long joinedLate = add("Figures joined in 2026", "education");
        long leftDuring = add("Figures left mid-2025", "youth_led");
        long notMember = add("Figures only coordinates", "media");
        member(always, group, "2023-01-01", "");
        member(person, group, "2025-03-01", "");
        member(leftEarly, group, "2023-01-01", "2024-12-31");
        member(joinedLate, group, "2026-01-01", "");
        member(leftDuring, group, "2023-06-01", "2025-06-30");
        s.addRelationship(notMember, new RelationshipForm(Long.toString(group), "coordinates_with", "2023-01-01", "", "2"), "test", "-");

        Browser b = f.as("coordinator");
        b.get("/partnerships/bodies");
        assertEquals(303, b.post("/partnerships/bodies/technical_group", Map.of("actorId", Long.toString(group))).statusCode());
        for (String[] m : List.of(new String[] {"2024-12-31", "9", "Before the period"},
                new String[] {"2025-01-01", "12", "Adopt the work plan\nShare the ward map\n\n"},
                new String[] {"2025-06-15", "10", ""},
                new String[] {"2025-12-31", "11", "Draft the <b>priorities</b>"},
                new String[] {"2026-01-01", "8", "After the period"})) {
            assertEquals(303, b.post("/partnerships/bodies/technical_group/meetings",
                    Map.of("heldOn", m[0], "attendees", m[1], "decisions", m[2])).statusCode());
        }

        List<BodyFigures> year = figures.bodies(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertEquals(1, year.size(), "the coordination centre is not designated");
        BodyFigures tg = year.get(0);
        assertEquals(CoalitionFigures.TECHNICAL_GROUP, tg.kind());
        assertEquals(group, tg.actorId());
        assertEquals("Figures Technical Group", tg.name());
        assertEquals(List.of(always, person, leftDuring).stream().sorted().toList(),
                tg.focalPoints().stream().map(FocalPoint::actorId).sorted().toList(),
                "memberships that overlap the period, of organisations and persons; not a mere coordination");
        assertTrue(tg.focalPoints().contains(new FocalPoint(person, "Figures Dr. Wanjiru", "health")), "a person, by name and type");
        assertEquals(List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 15), LocalDate.of(2025, 12, 31)),
                tg.meetings().stream().map(CoalitionFigures.MeetingFigure::heldOn).toList(), "both ends included, oldest first");
        assertEquals(33, tg.attendees());
        assertEquals(3, tg.decisions(), "one per non-blank line");
        assertEquals("Draft the <b>priorities</b>", tg.meetings().get(2).decisions(), "raw text: the report escapes it");

        List<BodyFigures> day = figures.bodies(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1));
        assertEquals(List.of(always, person, joinedLate).stream().sorted().toList(),
                day.get(0).focalPoints().stream().map(FocalPoint::actorId).sorted().toList());
        assertEquals(1, day.get(0).meetings().size());
        assertThrows(IllegalArgumentException.class, () -> figures.bodies(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)));

        // what the interface says is the store's state: a deleted member no longer counts
        s.delete(leftDuring, "test", "-");
        assertEquals(2, figures.bodies(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)).get(0).focalPoints().size());
    }
}
