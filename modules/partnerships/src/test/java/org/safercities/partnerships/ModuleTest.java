package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;

/**
 * The module on its own (no other feature module in the kit): its demo coalition, and switched off by the
 * profile its routes and menu are gone.
 */
class ModuleTest {

    @Test
    void theDemoCoalitionIsSyntheticSizedAndFreeOfMembershipCycles() throws Exception {
        try (Fixture f = Fixture.demo()) {
            List<Actor> actors = f.service().actors();
            assertEquals(PartnershipDemo.ACTORS, actors.size());
            assertTrue(actors.stream().allMatch(a -> a.name().startsWith("Demo ")));
            assertTrue(actors.stream().allMatch(a -> !a.areaIds().isEmpty()), "every demo actor covers an area");
            assertEquals(Set.copyOf(Codes.TYPES), Set.copyOf(actors.stream().map(Actor::type).toList()), "every type appears");
            List<Relationship> rels = f.service().relationships();
            assertEquals(PartnershipDemo.RELATIONSHIPS, rels.size());
            assertTrue(rels.stream().noneMatch(r -> r.fromId() == r.toId()));
            Map<Long, List<Long>> member = new HashMap<>();
            rels.stream().filter(r -> r.type().equals(Codes.MEMBER_OF))
                    .forEach(r -> member.computeIfAbsent(r.fromId(), k -> new java.util.ArrayList<>()).add(r.toId()));
            for (Long start : member.keySet()) {
                assertFalse(reaches(member, start, start, new HashSet<>()), "member-of cycle through " + start);
            }
            // it leaves gaps to show: its last ward, and a target group
            List<String> gaps = f.service().gaps(java.time.LocalDate.now()).stream().map(g -> g.rule() + ":" + g.subject()).toList();
            List<org.safercities.platform.areas.Area> wards = f.wards();
            assertTrue(gaps.contains("area:" + wards.get(wards.size() - 1).id()), gaps.toString());
            assertTrue(gaps.contains("group:" + PartnershipDemo.NOBODY_SERVES), gaps.toString());
            // the pages hold a coalition of that size
            Browser b = f.as("coordinator");
            assertTrue(b.get("/partnerships/actors").body().contains("Actors shown: 60"));
            assertEquals(200, b.get("/partnerships/actors/" + actors.get(0).id()).statusCode());
        }
    }

    private static boolean reaches(Map<Long, List<Long>> member, long from, long target, Set<Long> seen) {
        for (long next : member.getOrDefault(from, List.of())) {
            if (next == target || (seen.add(next) && reaches(member, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void switchedOffItsRoutesAnswer404AndItsMenuIsGone() throws Exception {
        try (Fixture f = Fixture.demo()) {
            Browser on = f.as("coordinator");
            assertEquals(200, on.get("/partnerships/actors").statusCode());
            assertTrue(on.get("/").body().contains("href=\"/partnerships/gaps\""));
            f.kit.restart(Map.of("modules.disabled", "partnerships"));
            Browser off = f.as("coordinator");
            for (String path : List.of("/partnerships/actors", "/partnerships/actors/1", "/partnerships/actors.csv",
                    "/partnerships/grid", "/partnerships/gaps", "/partnerships/coverage", "/partnerships/coverage-areas.csv",
                    "/partnerships/memoranda", "/partnerships/bodies", "/partnerships/import")) {
                assertEquals(404, off.get(path).statusCode(), path);
            }
            assertFalse(off.get("/").body().contains("/partnerships/"));
            assertEquals(200, off.get("/areas").statusCode(), "the rest of the kit works");
        }
    }
}
