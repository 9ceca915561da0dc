package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;

/**
 * Commitments with their kind (resources, staff, data, venues) and start date (issue 4, "from and until when"):
 * over HTTP on a real Derby store, with the rows written before migration V007 and the overdue gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitmentTest {

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

    private long add(String name) {
        return s.create(Fixture.form(name, "ngo", "engaged", List.of(), List.of()), "test", "-");
    }

    @Test
    void kindAndStartDateAreSavedShownAndEdited() {
        long id = add("Venue NGO");
        LocalDate today = LocalDate.now();
        Browser b = f.as("coordinator");
        String form = b.get("/partnerships/actors/" + id).body();
        assertTrue(form.contains("<option value=\"venues\">Venues</option>") && form.contains("name=\"startDate\""), "the form asks");
        assertEquals(303, b.post("/partnerships/actors/" + id + "/commitments", Map.of("kind", "venues",
                "description", "Hall for the safety walks", "startDate", today.plusMonths(1).toString(),
                "endDate", today.plusYears(1).toString())).statusCode());
        assertEquals(303, b.post("/partnerships/actors/" + id + "/commitments", Map.of("kind", "data",
                "description", "Monthly incident counts", "startDate", "", "endDate", today.plusMonths(6).toString())).statusCode());
        List<Commitment> stored = s.commitmentsOf(id);
        Commitment venue = stored.stream().filter(m -> m.kind().equals("venues")).findFirst().orElseThrow();
        assertEquals(today.plusMonths(1), venue.startDate());
        assertEquals(today.plusYears(1), venue.endDate());
        Commitment data = stored.stream().filter(m -> m.kind().equals("data")).findFirst().orElseThrow();
        assertNull(data.startDate(), "the start date may be left empty");

        String page = b.get("/partnerships/actors/" + id).body();
        assertTrue(page.contains("<td>Venues</td>") && page.contains("<td>Data</td>"), "kinds in the user's language");
        assertTrue(page.contains("Not started yet"), "a start date still to come");
        assertTrue(page.contains("not recorded"), "no start date");
        b.post("/language", Map.of("lang", "fr"));
        String fr = b.get("/partnerships/actors/" + id).body();
        assertTrue(fr.contains("<td>Locaux</td>") && fr.contains("Pas encore commencé") && fr.contains("Date de début"));
        b.post("/language", Map.of("lang", "en"));

        String edit = b.get("/partnerships/commitments/" + venue.id() + "/edit").body();
        assertTrue(edit.contains("<option value=\"venues\" selected>Venues</option>"), edit);
        assertTrue(edit.contains("value=\"" + today.plusMonths(1) + "\""), "start date on the edit page");
        assertEquals(303, b.post("/partnerships/commitments/" + venue.id(), Map.of("kind", "staff",
                "description", "Two wardens for the walks", "startDate", today.minusMonths(1).toString(),
                "endDate", today.plusYears(1).toString())).statusCode());
        Commitment changed = s.commitment(venue.id()).orElseThrow();
        assertEquals("staff", changed.kind());
        assertEquals(today.minusMonths(1), changed.startDate());
        assertFalse(changed.upcoming(today));
    }

    @Test
    void aStartAfterTheEndIsRefusedInTheUsersLanguageKeepingWhatWasTyped() {
        long id = add("Late start NGO");
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/" + id);
        HttpResponse<String> bad = b.post("/partnerships/actors/" + id + "/commitments", Map.of("kind", "staff",
                "description", "Two <b>wardens</b>", "startDate", "2027-03-01", "endDate", "2027-01-31"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("The start date is after the end date: a commitment cannot start after it ends."), bad.body());
        assertTrue(bad.body().contains("Two &lt;b&gt;wardens&lt;/b&gt;") && bad.body().contains("value=\"2027-03-01\"")
                && bad.body().contains("value=\"2027-01-31\"") && bad.body().contains("<option value=\"staff\" selected>"),
                "input kept, escaped");
        assertTrue(s.commitmentsOf(id).isEmpty(), "nothing saved");

        b.post("/language", Map.of("lang", "fr"));
        HttpResponse<String> fr = b.post("/partnerships/actors/" + id + "/commitments", Map.of("kind", "gold",
                "description", "x", "startDate", "2027-03-01", "endDate", "2027-01-31"));
        assertEquals(422, fr.statusCode());
        assertTrue(fr.body().contains("un engagement ne peut pas commencer après sa fin"), fr.body());
        assertTrue(fr.body().contains("Choisissez ce que l&#39;engagement apporte") || fr.body().contains("Choisissez ce que l&#x27;engagement apporte"),
                "an unknown kind is refused too");
        b.post("/language", Map.of("lang", "en"));

        long ok = s.addCommitment(id, new CommitmentForm("data", "Counts", "2027-01-01", "2027-01-31", false), "test", "-");
        HttpResponse<String> edit = b.post("/partnerships/commitments/" + ok, Map.of("kind", "data", "description", "Counts edited",
                "startDate", "2027-02-15", "endDate", "2027-01-31"));
        assertEquals(422, edit.statusCode());
        assertTrue(edit.body().contains("a commitment cannot start after it ends") && edit.body().contains("Counts edited"));
        assertEquals("Counts", s.commitment(ok).orElseThrow().description(), "nothing changed");
        assertThrows(PartnershipService.Invalid.class, () -> s.addCommitment(id,
                new CommitmentForm("data", "Counts", "2027-02-01", "2027-01-31", false), "test", "-"), "the service checks too");
    }

    @Test
    void rowsWrittenBeforeTheMigrationGetADefaultKindAndNoStartAndStayValid() throws Exception {
        long id = add("Old commitments NGO");
        // as migration V004 wrote them: no kind, no start date
        long old = f.platform().store().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO partnerships_commitment (actor_id, description, end_date, fulfilled) VALUES (?, ?, ?, 0)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, id);
                ps.setString(2, "Pledge from before the kinds");
                ps.setDate(3, java.sql.Date.valueOf(LocalDate.now().minusDays(10)));
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        Commitment m = s.commitment(old).orElseThrow();
        assertEquals("resources", m.kind());
        assertNull(m.startDate());
        assertTrue(s.gaps(LocalDate.now()).stream().anyMatch(g -> g.rule().equals("commitment") && g.subject().equals(Long.toString(old))),
                "still judged by its end date");
        Browser b = f.as("coordinator");
        String edit = b.get("/partnerships/commitments/" + old + "/edit").body();
        assertTrue(edit.contains("<option value=\"resources\" selected>"));
        assertEquals(303, b.post("/partnerships/commitments/" + old, Map.of("kind", "resources",
                "description", "Pledge from before the kinds", "startDate", "", "endDate", m.endDate().toString(),
                "fulfilled", "1")).statusCode(), "saved as it is, without inventing a start date");
        assertNull(s.commitment(old).orElseThrow().startDate());
        // the table itself refuses a start after the end
        assertThrows(RuntimeException.class, () -> f.platform().store().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE partnerships_commitment SET start_date = ? WHERE id = ?")) {
                ps.setDate(1, java.sql.Date.valueOf(m.endDate().plusDays(1)));
                ps.setLong(2, old);
                return ps.executeUpdate();
            }
        }));
    }

    @Test
    void theOverdueGapFollowsTheEndDateWhateverTheStart() {
        long id = add("Gap NGO");
        LocalDate today = LocalDate.of(2026, 6, 15);
        long late = s.addCommitment(id, new CommitmentForm("staff", "Started, ended, not kept", "2026-01-01", "2026-06-14", false), "test", "-");
        long future = s.addCommitment(id, new CommitmentForm("venues", "Not started yet", "2026-07-01", "2026-12-31", false), "test", "-");
        long running = s.addCommitment(id, new CommitmentForm("data", "Running", "2026-06-01", "2026-06-15", false), "test", "-");
        List<String> gaps = s.gaps(today).stream().filter(g -> g.rule().equals("commitment")).map(Gap::subject).toList();
        assertTrue(gaps.contains(Long.toString(late)));
        assertFalse(gaps.contains(Long.toString(future)) || gaps.contains(Long.toString(running)));
        assertTrue(s.commitment(future).orElseThrow().upcoming(today));
        assertFalse(s.commitment(running).orElseThrow().upcoming(today));
        s.actors().stream().filter(a -> a.id() == id).findFirst().ifPresent(a -> s.delete(a.id(), "test", "-"));
    }
}
