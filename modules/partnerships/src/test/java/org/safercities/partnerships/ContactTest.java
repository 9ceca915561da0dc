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

/**
 * Contact details are personal data: staff only (tested over HTTP for every role), every read audited, erasure
 * keeps the actor and its relationships, never in the CSV export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactTest {

    private static final String PERSON = "Amina Contactperson";
    private static final String EMAIL = "amina.contact@example.org";
    private static final String PHONE = "+254 700 123 456";
    private Fixture f;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private long actorWithContact(String name) {
        long id = f.service().create(Fixture.form(name, "ngo", "engaged", List.of(), List.of()), "test", "-");
        f.service().saveContact(id, new ContactForm(PERSON, PHONE, EMAIL), "test", "-");
        return id;
    }

    @Test
    void staffSeeContactsAndEachReadIsAudited() {
        long id = actorWithContact("Contact Probe NGO");
        for (String who : List.of("admin", "coordinator", "analyst", "member")) {
            Browser b = f.as(who);
            int reads = f.audit("partnerships.contact.read").size();
            String page = b.get("/partnerships/actors/" + id).body();
            assertTrue(page.contains(PERSON) && page.contains(EMAIL) && page.contains(PHONE), who + " sees the contact");
            List<org.safercities.platform.audit.AuditEntry> after = f.audit("partnerships.contact.read");
            assertEquals(reads + 1, after.size(), who + "'s read is recorded");
            assertTrue(after.stream().anyMatch(e -> e.actor().equals("demo-" + who) && e.recordId().equals(Long.toString(id))));
            assertTrue(after.stream().noneMatch(e -> e.detail().contains(PERSON)), "no personal data in the log");
        }
    }

    @Test
    void aPartnerViewerNeverSeesNorChangesContacts() {
        long id = actorWithContact("Hidden Contact NGO");
        Browser p = f.as("partner");
        int reads = f.audit("partnerships.contact.read").size();
        HttpResponse<String> page = p.get("/partnerships/actors/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Hidden Contact NGO"));
        assertFalse(page.body().contains(PERSON) || page.body().contains(EMAIL) || page.body().contains(PHONE));
        assertFalse(page.body().contains("/contact\""), "no contact form either");
        assertEquals(reads, f.audit("partnerships.contact.read").size());
        assertEquals(403, p.post("/partnerships/actors/" + id + "/contact", Map.of("personName", "Intruder")).statusCode());
        assertEquals(403, p.post("/partnerships/actors/" + id + "/contact/erase", Map.of()).statusCode());
        assertEquals(PERSON, f.service().readContact(id, "test", "-").orElseThrow().personName(), "nothing changed");
    }

    @Test
    void theContactFormIsValidatedAndSaved() {
        long id = f.service().create(Fixture.form("Form Contact NGO", "ngo", "engaged", List.of(), List.of()), "test", "-");
        Browser b = f.as("member");
        b.get("/partnerships/actors/" + id);
        HttpResponse<String> bad = b.post("/partnerships/actors/" + id + "/contact",
                Map.of("personName", "Bo", "phone", "call me", "email", "not-an-address"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter an e-mail address such as name@example.org."));
        assertTrue(bad.body().contains("Enter a telephone number"));
        assertTrue(bad.body().contains("value=\"not-an-address\""));
        assertEquals(303, b.post("/partnerships/actors/" + id + "/contact",
                Map.of("personName", "Bo Person", "phone", "", "email", "bo@example.org")).statusCode());
        assertEquals("bo@example.org", f.service().readContact(id, "test", "-").orElseThrow().email());
        assertFalse(f.audit("partnerships.contact.update").isEmpty());
    }

    @Test
    void erasureRemovesThePersonAndKeepsTheActorAndItsHistory() {
        long id = actorWithContact("Erasure NGO");
        long other = f.service().create(Fixture.form("Erasure Partner", "ngo", "engaged", List.of(), List.of()), "test", "-");
        f.service().addRelationship(id, new RelationshipForm(Long.toString(other), "funds", "2024-01-01", "", "2"), "test", "-");
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/" + id);
        HttpResponse<String> r = b.post("/partnerships/actors/" + id + "/contact/erase", Map.of());
        assertEquals(303, r.statusCode());
        String page = b.follow(r).body();
        assertFalse(page.contains(PERSON) || page.contains(EMAIL));
        assertTrue(page.contains("Erasure NGO") && page.contains("Erasure Partner"), "the actor and its relationship stay");
        assertTrue(f.service().readContact(id, "test", "-").isEmpty());
        assertEquals(1, f.service().relationshipsOf(id).size());
        assertTrue(f.audit("partnerships.contact.erase").stream().anyMatch(e -> e.recordId().equals(Long.toString(id))
                && e.actor().equals("demo-coordinator")));
        assertTrue(f.audit("partnerships.actor.create").stream().anyMatch(e -> e.detail().equals("Erasure NGO")),
                "the actor's history stays");
    }

    @Test
    void aPersonIsErasedOnRequestAndTheCoalitionKeepsItsHistory() {
        PartnershipService s = f.service();
        String name = "Grace Erasable-Person";
        long person = s.create(new ActorForm(name, "health", "", "Paediatrics", "3", "4", "engaged", "Lives near the market",
                List.of(), List.of("children_youth"), "person", Map.of("fr", "Grâce Effaçable")), "test", "-");
        s.saveContact(person, new ContactForm(PERSON, PHONE, EMAIL), "test", "-");
        long body = s.create(Fixture.form("Erasure Technical Group", "local_government", "engaged", List.of(), List.of()), "test", "-");
        s.addRelationship(person, new RelationshipForm(Long.toString(body), Codes.MEMBER_OF, "2025-01-01", "", "3"), "test", "-");
        s.addCommitment(person, new CommitmentForm("staff", "Two clinic sessions a month", "", "2030-01-01", false), "test", "-");
        long org = actorWithContact("Erasure Organisation");
        assertTrue(f.audit("partnerships.actor.create").stream().noneMatch(e -> e.detail().contains(name)),
                "a person's name never goes into the audit log, which cannot be erased");

        Browser p = f.as("partner");
        assertEquals(403, p.post("/partnerships/actors/" + person + "/erase-person", Map.of()).statusCode());
        Browser b = f.as("coordinator");
        String before = b.get("/partnerships/actors/" + person).body();
        assertTrue(before.contains("action=\"/partnerships/actors/" + person + "/erase-person\""), "offered for a person");
        assertFalse(b.get("/partnerships/actors/" + org).body().contains("/erase-person"), "not for an organisation");
        b.post("/language", Map.of("lang", "fr"));
        HttpResponse<String> refused = b.post("/partnerships/actors/" + org + "/erase-person", Map.of());
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("Seule une personne peut être effacée ainsi"), refused.body());
        assertEquals("Erasure Organisation", s.require(org).name(), "nothing changed");
        b.post("/language", Map.of("lang", "en"));

        assertEquals(303, b.post("/partnerships/actors/" + person + "/erase-person", Map.of()).statusCode());
        Actor erased = s.require(person);
        assertEquals("Person removed on request (#" + person + ")", erased.name());
        assertEquals("Personne retirée sur demande (n° " + person + ")", erased.nameIn("fr"));
        assertTrue(erased.notes() == null || erased.notes().isEmpty());
        assertTrue(s.readContact(person, "test", "-").isEmpty(), "the contact person goes too");
        assertEquals("health", erased.type());
        assertEquals(List.of("children_youth"), erased.groups());
        assertEquals(1, s.relationshipsOf(person).size(), "the membership stays");
        assertEquals(1, s.commitmentsOf(person).size(), "the commitment stays");
        for (String page : List.of("/partnerships/actors/" + person, "/partnerships/actors", "/partnerships/actors.csv",
                "/partnerships/network.json", "/partnerships/actors/" + body, "/partnerships/grid")) {
            String text = b.get(page).body();
            assertFalse(text.contains("Grace") || text.contains("Grâce") || text.contains("Lives near"), page);
        }
        assertTrue(b.get("/partnerships/actors/" + body).body().contains("Person removed on request (#" + person + ")"));
        b.post("/language", Map.of("lang", "ar"));
        assertTrue(b.get("/partnerships/actors/" + person).body().contains("شخص أُزيل بناءً على طلبه"));
        b.post("/language", Map.of("lang", "en"));
        assertTrue(f.audit("partnerships.person.erase").stream().anyMatch(e -> e.recordId().equals(Long.toString(person))
                && e.actor().equals("demo-coordinator") && !e.detail().contains("Grace")));
    }

    @Test
    void theCsvExportHasActorsButNoContacts() {
        long id = actorWithContact("Export Probe NGO");
        String csv = f.as("coordinator").get("/partnerships/actors.csv").body();
        assertTrue(csv.replace("\uFEFF", "").startsWith("id,name,type,kind,government_level,status,interest,influence,areas,target_groups,sectors,notes,"
                + "name_ar,name_zh,name_en,name_fr,name_ru,name_es"),
                csv.substring(0, 120));
        assertTrue(csv.contains(id + ",Export Probe NGO,ngo,"));
        assertFalse(csv.contains(PERSON) || csv.contains(EMAIL) || csv.contains(PHONE) || csv.contains("Amina"));
        assertEquals(f.service().actors().size() + 1, csv.strip().split("\r?\n").length, "one row per actor");
    }
}
