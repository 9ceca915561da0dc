package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;

/** Relationships: added and removed over HTTP; self, missing actor, bad dates and member-of cycles refused (422). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationshipTest {

    private Fixture f;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private long actor(String name) {
        return f.service().create(Fixture.form(name, "community_group", "engaged", List.of(), List.of()), "test", "-");
    }

    private HttpResponse<String> relate(Browser b, long from, long to, String type, String start, String until) {
        b.get("/partnerships/actors/" + from);
        return b.post("/partnerships/actors/" + from + "/relationships",
                Map.of("toId", Long.toString(to), "type", type, "from", start, "until", until, "strength", "2"));
    }

    @Test
    void aCycleOfMembershipIsRefusedWithAClearMessage() {
        long a = actor("Cycle A");
        long b = actor("Cycle B");
        long c = actor("Cycle C");
        Browser br = f.as("coordinator");
        assertEquals(303, relate(br, a, b, "member_of", "2024-01-01", "").statusCode());
        assertEquals(303, relate(br, b, c, "member_of", "2024-01-01", "").statusCode());
        HttpResponse<String> cycle = relate(br, c, a, "member_of", "2024-01-01", "");
        assertEquals(422, cycle.statusCode());
        assertTrue(cycle.body().contains("This would make a circle of memberships"));
        HttpResponse<String> direct = relate(br, b, a, "member_of", "2024-01-01", "");
        assertEquals(422, direct.statusCode(), "A member of B member of A");
        // other types may go both ways
        assertEquals(303, relate(br, c, a, "coordinates_with", "2024-01-01", "").statusCode());
        assertEquals(1, f.service().relationshipsOf(a).stream().filter(r -> r.type().equals("member_of")).count());
        assertEquals(2, f.service().relationshipsOf(a).size());
        // the service refuses it too, whatever the route does
        assertThrows(PartnershipService.Invalid.class, () -> f.service().addRelationship(c, new RelationshipForm(
                Long.toString(a), "member_of", "2024-01-01", "", "1"), "test", "-"));
    }

    @Test
    void selfMissingActorAndBadDatesAreRefused() {
        long a = actor("Rules A");
        long b = actor("Rules B");
        Browser br = f.as("analyst");
        HttpResponse<String> self = relate(br, a, a, "funds", "2024-01-01", "");
        assertEquals(422, self.statusCode());
        assertTrue(self.body().contains("An actor cannot have a relationship with itself."));
        HttpResponse<String> missing = relate(br, a, 987_654, "funds", "2024-01-01", "");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("This actor no longer exists"));
        HttpResponse<String> dates = relate(br, a, b, "funds", "2024-05-01", "2024-01-01");
        assertEquals(422, dates.statusCode());
        assertTrue(dates.body().contains("The end date is before the start date."));
        assertTrue(dates.body().contains("value=\"2024-05-01\""), "the input is kept");
        HttpResponse<String> badType = relate(br, a, b, "loves", "2024-05-01", "");
        assertEquals(422, badType.statusCode());
        assertTrue(f.service().relationshipsOf(a).isEmpty(), "nothing was saved");

        // a relationship to an actor deleted meanwhile
        long gone = actor("Rules Gone");
        f.service().delete(gone, "test", "-");
        assertEquals(422, relate(br, a, gone, "funds", "2024-01-01", "").statusCode());
    }

    @Test
    void aRelationshipIsListedOnBothActorsAndCanBeRemoved() {
        long a = actor("List A");
        long b = actor("List B");
        Browser br = f.as("coordinator");
        assertEquals(303, relate(br, a, b, "shares_data_with", "2023-03-01", "2025-03-01").statusCode());
        String pageA = br.get("/partnerships/actors/" + a).body();
        String pageB = br.get("/partnerships/actors/" + b).body();
        assertTrue(pageA.contains("shares data with") && pageA.contains("List B"));
        assertTrue(pageB.contains("shares data with") && pageB.contains("List A"));
        Relationship r = f.service().relationshipsOf(a).get(0);
        assertEquals(2, r.strength());
        assertEquals(403, f.as("partner").post("/partnerships/relationships/" + r.id() + "/delete", Map.of()).statusCode());
        br.get("/partnerships/actors/" + b);
        HttpResponse<String> removed = br.post("/partnerships/relationships/" + r.id() + "/delete", Map.of("back", Long.toString(b)));
        assertEquals(303, removed.statusCode());
        assertTrue(removed.headers().firstValue("Location").orElseThrow().startsWith("/partnerships/actors/" + b));
        assertTrue(f.service().relationshipsOf(a).isEmpty());
        assertFalse(f.audit("partnerships.relationship.delete").isEmpty());
    }

    @Test
    void deletingAnActorRemovesItsRelationships() {
        long a = actor("Delete A");
        long b = actor("Delete B");
        f.service().addRelationship(a, new RelationshipForm(Long.toString(b), "funds", "2024-01-01", "", "3"), "test", "-");
        f.service().delete(b, "test", "-");
        assertTrue(f.service().relationshipsOf(a).isEmpty());
        assertEquals(200, f.as("coordinator").get("/partnerships/actors/" + a).statusCode());
    }
}
