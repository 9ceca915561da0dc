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
