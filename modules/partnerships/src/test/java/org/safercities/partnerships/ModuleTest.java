package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
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
            assertEquals(PartnershipDemo.ACTORS + DemoCoalition.BODIES, actors.size());
            assertTrue(actors.stream().allMatch(a -> a.name().startsWith("Demo ")));
            java.util.Collection<Long> bodies = f.coalition().bodies().values();
            assertTrue(actors.stream().allMatch(a -> !a.areaIds().isEmpty() || bodies.contains(a.id())),
                    "every demo actor but the two bodies covers an area");
            assertEquals(Set.copyOf(Codes.TYPES), Set.copyOf(actors.stream().map(Actor::type).toList()), "every type appears");
            List<Relationship> rels = f.service().relationships();
            assertEquals(PartnershipDemo.RELATIONSHIPS + DemoCoalition.MEMBERSHIPS, rels.size());
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
            assertTrue(b.get("/partnerships/actors").body().contains("Actors shown: 62"));
            assertEquals(200, b.get("/partnerships/actors/" + actors.get(0).id()).statusCode());
        }
    }

    @Test
    void theDemoHasBodiesWithMembersAndMeetingsMemorandaAndCommitmentsOnEveryScreen() throws Exception {
        try (Fixture f = Fixture.demo()) {
            CoalitionService coalition = f.coalition();
            LocalDate today = LocalDate.now();
            assertEquals(List.copyOf(CoalitionService.BODIES), List.copyOf(coalition.bodies().keySet()));
            CoalitionService.BodySummary group = coalition.summary("technical_group", today).orElseThrow();
            assertEquals(DemoCoalition.GROUP_MEMBERS.size(), group.members(), "current focal points; the former one ended");
            assertEquals(DemoCoalition.GROUP_MEETINGS, group.meetings());
            assertTrue(group.meetingsLastYear() >= 11 && group.meetingsLastYear() <= 12, "monthly: " + group.meetingsLastYear());
            CoalitionService.BodySummary centre = coalition.summary("coordination_centre", today).orElseThrow();
            assertEquals(DemoCoalition.CENTRE_MEMBERS.size(), centre.members());
            assertEquals(DemoCoalition.CENTRE_MEETINGS, centre.meetings());

            List<Memorandum> memoranda = coalition.memoranda();
            assertEquals(DemoCoalition.MEMORANDA, memoranda.size());
            assertEquals(1, memoranda.stream().filter(m -> m.expired(today)).count());
            assertTrue(memoranda.stream().allMatch(m -> m.title().startsWith("Demo ") && m.parties().size() >= 2));

            List<Commitment> commitments = f.service().commitments();
            assertEquals(DemoCoalition.COMMITMENTS.size(), commitments.size());
            assertEquals(Set.copyOf(Codes.COMMITMENT_KINDS), Set.copyOf(commitments.stream().map(Commitment::kind).toList()));
            assertEquals(2, commitments.stream().filter(m -> m.overdue(today)).count());
            assertTrue(commitments.stream().anyMatch(m -> m.upcoming(today)) && commitments.stream().anyMatch(Commitment::fulfilled));
            assertEquals(2, f.service().gaps(today).stream().filter(g -> g.rule().equals("commitment")).count());

            Browser b = f.as("coordinator");
            String bodies = b.get("/partnerships/bodies").body();
            assertTrue(bodies.contains("Demo Multi-sector Technical Group") && bodies.contains("Demo Coordination Centre for Urban Safety"));
            assertTrue(bodies.contains("Demo: ") && !bodies.contains("No member yet.") && !bodies.contains("No meeting recorded."));
            assertTrue(bodies.contains(DemoCoalition.GROUP_MEMBERS.size() + " members · " + DemoCoalition.GROUP_MEETINGS + " meetings recorded"), bodies);
            String memos = b.get("/partnerships/memoranda").body();
            assertTrue(memos.contains("DEMO-MOU-001 (synthetic)") && memos.contains("Expired"));
            long office = commitments.stream().filter(m -> m.description().startsWith("Demo: budget line")).findFirst()
                    .orElseThrow().actorId();
            assertTrue(f.service().require(office).engaged(), "those who commit are engaged partners");
            List<Actor> all = f.service().actors();
            assertTrue(coalition.members(coalition.bodies().get("technical_group")).stream().allMatch(m -> m.engaged()
                    || all.stream().noneMatch(a -> a.type().equals(m.type()) && a.engaged())),
                    "a member is engaged, unless no actor of its type is");
            String actor = b.get("/partnerships/actors/" + office).body();
            assertTrue(actor.contains("Demo: budget line for lighting audits") && actor.contains("<td>Venues</td>"), actor);
            assertTrue(b.get("/partnerships/memoranda?actor=" + office).body().contains("women&#39;s safety audits")
                    || b.get("/partnerships/memoranda?actor=" + office).body().contains("women&#x27;s safety audits"));
            assertTrue(b.get("/partnerships/gaps").body().contains("Demo: monthly anonymised incident counts by ward"));
            for (String page : List.of("/partnerships/network", "/partnerships/network.json", "/partnerships/grid",
                    "/partnerships/coverage", "/partnerships/actors")) {
                assertEquals(200, b.get(page).statusCode(), page);
            }
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
