package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;

/** Memoranda, editing commitments, the technical group and coordination centre with members and meetings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoalitionTest {

    private Fixture f;
    private PartnershipService s;
    private CoalitionService coalition;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
        s = f.service();
        coalition = f.kit.kit.modules().stream().filter(m -> m instanceof PartnershipsModule)
                .map(m -> ((PartnershipsModule) m).coalition()).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private long add(String name, String type) {
        return s.create(Fixture.form(name, type, "engaged", List.of(), List.of()), "test", "-");
    }

    @Test
    void memorandaNeedTwoPartiesAndSaneDatesAndShowExpiry() {
        long city = add("Memo City Hall", "local_government");
        long ngo = add("Memo NGO", "ngo");
        Browser b = f.as("coordinator");
        b.get("/partnerships/memoranda");
        HttpResponse<String> one = b.postAll("/partnerships/memoranda", List.of(Map.entry("title", "Street <b>lights</b>"),
                Map.entry("signedOn", "2025-03-01"), Map.entry("expiresOn", "2025-01-01"), Map.entry("documentRef", "File 12/A"),
                Map.entry("parties", Long.toString(city))));
        assertEquals(422, one.statusCode());
        assertTrue(one.body().contains("Choose at least two parties.") && one.body().contains("The expiry date cannot be before the signing date."));
        assertTrue(one.body().contains("value=\"Street &lt;b&gt;lights&lt;/b&gt;\"") && one.body().contains("value=\"File 12/A\""), "input kept");
        long gone = add("Memo deleted meanwhile", "ngo");
        s.delete(gone, "test", "-");
        HttpResponse<String> stale = b.postAll("/partnerships/memoranda", List.of(Map.entry("title", "Stale party"),
                Map.entry("signedOn", "2025-03-01"), Map.entry("parties", Long.toString(city)), Map.entry("parties", Long.toString(gone))));
        assertEquals(422, stale.statusCode(), "a party deleted meanwhile");
        assertTrue(stale.body().contains("This actor no longer exists: it may have been deleted meanwhile."));
        assertTrue(coalition.memorandaOf(city).isEmpty());
        LocalDate lastMonth = LocalDate.now().minusMonths(1);
        HttpResponse<String> ok = b.postAll("/partnerships/memoranda", List.of(Map.entry("title", "Street <b>lights</b>"),
                Map.entry("signedOn", lastMonth.minusYears(1).toString()), Map.entry("expiresOn", lastMonth.toString()),
                Map.entry("documentRef", "File 12/A"), Map.entry("parties", Long.toString(city)),
                Map.entry("parties", Long.toString(ngo))));
        assertEquals(303, ok.statusCode(), ok.body());
        Memorandum m = coalition.memorandaOf(ngo).get(0);
        assertEquals(List.of(city, ngo), m.parties());
        String page = b.get("/partnerships/memoranda?actor=" + ngo).body();
        assertTrue(page.contains("Street &lt;b&gt;lights&lt;/b&gt;") && page.contains("Expired") && page.contains("File 12/A"));
        assertTrue(page.contains("href=\"/partnerships/actors/" + city + "\">Memo City Hall</a>"));
        Browser p = f.as("partner");
        assertEquals(200, p.get("/partnerships/memoranda").statusCode());
        assertEquals(403, p.post("/partnerships/memoranda/" + m.id() + "/delete", Map.of()).statusCode());
        assertEquals(303, b.post("/partnerships/memoranda/" + m.id() + "/delete", Map.of()).statusCode());
        assertTrue(coalition.memorandaOf(ngo).isEmpty());
        assertFalse(f.audit("partnerships.memorandum.create").isEmpty());
        assertFalse(f.audit("partnerships.memorandum.delete").isEmpty());
    }

    @Test
    void aCommitmentCanBeEditedAndBadInputIsKept() {
        long ngo = add("Edit NGO", "ngo");
        long id = s.addCommitment(ngo, new CommitmentForm("staff", "Two staff", "", LocalDate.now().minusDays(3).toString(), false), "test", "-");
        assertTrue(s.gaps(LocalDate.now()).stream().anyMatch(g -> g.subject().equals(Long.toString(id))));
        Browser b = f.as("coordinator");
        assertTrue(b.get("/partnerships/commitments/" + id + "/edit").body().contains("Two staff"));
        HttpResponse<String> bad = b.post("/partnerships/commitments/" + id, Map.of("kind", "staff", "description", "Three <i>staff</i>", "endDate", "soon"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Three &lt;i&gt;staff&lt;/i&gt;") && bad.body().contains("Enter a date as YYYY-MM-DD."));
        assertEquals("Two staff", s.commitment(id).orElseThrow().description(), "nothing changed");
        HttpResponse<String> ok = b.post("/partnerships/commitments/" + id,
                Map.of("kind", "staff", "description", "Three staff", "endDate", LocalDate.now().minusDays(3).toString(), "fulfilled", "1"));
        assertEquals(303, ok.statusCode());
        Commitment m = s.commitment(id).orElseThrow();
        assertEquals("Three staff", m.description());
        assertTrue(m.fulfilled());
        assertTrue(s.gaps(LocalDate.now()).stream().noneMatch(g -> g.subject().equals(Long.toString(id))), "kept: no longer a gap");
        assertEquals(403, f.as("partner").post("/partnerships/commitments/" + id, Map.of("kind", "data", "description", "x", "endDate", "2030-01-01")).statusCode());
        assertEquals(404, b.get("/partnerships/commitments/999999/edit").statusCode());
        assertTrue(f.audit("partnerships.commitment.update").stream().anyMatch(e -> e.recordId().equals(Long.toString(id))));
    }

    @Test
    void theTechnicalGroupCountsItsMembersAndMeetings() {
        // the demo designates its own two bodies: deleting their actors removes the designations (cascade)
        coalition.bodies().values().forEach(id -> s.delete(id, "test", "-"));
        assertTrue(coalition.bodies().isEmpty());
        Browser b = f.as("coordinator");
        assertTrue(b.get("/partnerships/bodies").body().contains("No actor is recorded as this body yet"));
        long group = add("Safer City Technical Group", "local_government");
        long police = add("TG Police focal point", "police_justice");
        long person = s.create(new ActorForm("Dr. Achieng", "health", "", "", "3", "3", "engaged", "", List.of(), List.of(),
                "person", Map.of()), "test", "-");
        long former = add("TG Former member", "ngo");
        LocalDate today = LocalDate.now();
        s.addRelationship(police, new RelationshipForm(Long.toString(group), Codes.MEMBER_OF, today.minusYears(1).toString(), "", "2"), "test", "-");
        s.addRelationship(person, new RelationshipForm(Long.toString(group), Codes.MEMBER_OF, today.minusYears(1).toString(), "", "2"), "test", "-");
        s.addRelationship(former, new RelationshipForm(Long.toString(group), Codes.MEMBER_OF, today.minusYears(2).toString(),
                today.minusYears(1).toString(), "2"), "test", "-");
        b.get("/partnerships/bodies");
        assertEquals(303, b.post("/partnerships/bodies/technical_group", Map.of("actorId", Long.toString(group))).statusCode());
        assertEquals(303, b.post("/partnerships/bodies/technical_group/meetings",
                Map.of("heldOn", today.minusMonths(2).toString(), "attendees", "12", "decisions", "Adopt the <b>work plan</b>")).statusCode());
        assertEquals(303, b.post("/partnerships/bodies/technical_group/meetings",
                Map.of("heldOn", today.minusYears(2).toString(), "attendees", "7", "decisions", "")).statusCode());
        HttpResponse<String> bad = b.post("/partnerships/bodies/technical_group/meetings",
                Map.of("heldOn", today.toString(), "attendees", "many", "decisions", "kept text"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter the number of attendees as a whole number.") && bad.body().contains("kept text"));
        assertEquals(422, b.post("/partnerships/bodies/coordination_centre/meetings",
                Map.of("heldOn", today.toString(), "attendees", "3", "decisions", "")).statusCode(), "no centre designated yet");
        assertEquals(404, b.post("/partnerships/bodies/council/meetings", Map.of("heldOn", today.toString(), "attendees", "3")).statusCode());

        CoalitionService.BodySummary sum = coalition.summary("technical_group", today).orElseThrow();
        assertEquals(group, sum.actorId());
        assertEquals(2, sum.members(), "current members only");
        assertEquals(2, sum.meetings());
        assertEquals(1, sum.meetingsLastYear());
        assertEquals(12, sum.attendeesLastYear());
        assertEquals(today.minusMonths(2), sum.lastMeeting());
        assertTrue(coalition.summary("coordination_centre", today).isEmpty());
        String page = b.get("/partnerships/bodies").body();
        assertTrue(page.contains("2 members · 2 meetings recorded, 1 in the last 12 months"), page);
        assertTrue(page.contains("Dr. Achieng") && page.contains("TG Police focal point") && !page.contains("href=\"/partnerships/actors/" + former + "\""), "an ended membership is not listed");
        assertTrue(page.contains("Adopt the &lt;b&gt;work plan&lt;/b&gt;"));
        Browser p = f.as("partner");
        assertEquals(200, p.get("/partnerships/bodies").statusCode());
        assertEquals(403, p.post("/partnerships/bodies/technical_group", Map.of("actorId", Long.toString(police))).statusCode());
        long meeting = coalition.meetingsOf(group).get(0).id();
        assertEquals(403, p.post("/partnerships/meetings/" + meeting + "/delete", Map.of()).statusCode());
        assertEquals(303, b.post("/partnerships/meetings/" + meeting + "/delete", Map.of()).statusCode());
        assertEquals(1, coalition.meetingsOf(group).size());
        assertFalse(f.audit("partnerships.body.designate").isEmpty());
        assertFalse(f.audit("partnerships.meeting.create").isEmpty());
    }
}
