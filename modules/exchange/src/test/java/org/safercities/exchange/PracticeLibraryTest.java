package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;

/** The library's rules on a real Derby database: validation, optimistic versions, received ones read-only, search. */
class PracticeLibraryTest {

    private Path dir;
    private DataFolder folder;
    private Store store;
    private PracticeLibrary library;
    private final ExchangeStore sql = new ExchangeStore();

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("exchange-library");
        folder = new DataFolder(dir).lock();
        store = new Store(folder, 2);
        store.create(null);
        new Migrator(store, getClass().getClassLoader()).migrate(List.of(
                new Migrator.ModuleMigrations("platform", List.of("V001__create_city_and_areas.sql",
                        "V002__create_accounts_and_audit.sql", "V003__create_setting.sql")),
                new Migrator.ModuleMigrations("exchange", List.of("V001__create_exchange.sql"))));
        library = new PracticeLibrary(store, new AuditLog(store, Clock.systemUTC()), sql, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        folder.close();
        DataFolder.deleteTree(dir);
    }

    static PracticeForm form(String title, String type, List<String> groups, String contact, String version) {
        return new PracticeForm(title, "Dark lanes near the market", "Solar lamps", type, groups, "Fewer incidents",
                "KES 2m", contact, version);
    }

    @Test
    void aPracticeIsCheckedSavedFromItsVersionAndDeleted() {
        var refused = library.create(form("", "magic", List.of(), "call +254 712 345 678", "0"), "analyst", "-");
        assertEquals(java.util.Set.of("title", "preventionType", "contactRole"), keys(refused.errors()));
        assertEquals("exchange.personalData", refused.errors().keyOf("contactRole"));
        assertTrue(library.search(PracticeLibrary.Filter.NONE).isEmpty(), "nothing stored");
        long id = library.create(form("Lights", "situational", List.of("women_girls"), "Head of works", "0"), "analyst", "-").id();
        assertTrue(library.update(id, form("Lights on", "situational", List.of(), "Head of works", "0"), "analyst", "-").isEmpty());
        var stale = library.update(id, form("Stale", "social", List.of(), "Head of works", "0"), "coordinator", "-");
        assertEquals("exchange.practice.stale", stale.keyOf("version"), "saved from a version someone saved over");
        assertEquals("Lights on", library.get(id).title());
        assertEquals(1, library.get(id).version());
        library.delete(id, "analyst", "-");
        assertThrows(Problem.class, () -> library.get(id));
    }

    @Test
    void receivedPracticesAreReadOnly() {
        long theirs = store.tx(c -> sql.insertPractice(c, form("Theirs", "social", List.of(), "", "0"), "Nairobi", 1L,
                Instant.now()));
        assertEquals(409, assertThrows(Problem.class, () -> library.update(theirs, form("Mine now", "social", List.of(),
                "", "0"), "analyst", "-")).status());
        assertEquals(409, assertThrows(Problem.class, () -> library.delete(theirs, "analyst", "-")).status());
        assertEquals("Theirs", library.get(theirs).title());
    }

    @Test
    void theSearchLooksInTitleProblemAndInterventionAndFiltersByTypeGroupAndOrigin() {
        long lamps = library.create(form("Street lamps", "situational", List.of("women_girls"), "", "0"), "a", "-").id();
        long clubs = library.create(new PracticeForm("Youth clubs", "Idle evenings", "Football after school", "social",
                List.of("children_youth"), "", "", "", "0"), "a", "-").id();
        long theirs = store.tx(c -> sql.insertPractice(c, new PracticeForm("Market wardens", "Theft at the market",
                "Wardens walk at night", "community_based", List.of("older_persons", "women_girls"), "", "", "", "0"),
                "Mombasa", 3L, Instant.now()));
        assertEquals(List.of(clubs), ids(new PracticeLibrary.Filter("FOOTBALL", "", "", "")), "intervention, any case");
        assertEquals(List.of(theirs), ids(new PracticeLibrary.Filter("theft", "", "", "")), "problem");
        assertEquals(List.of(lamps, theirs), ids(new PracticeLibrary.Filter("", "", "women_girls", "")));
        assertEquals(List.of(theirs), ids(new PracticeLibrary.Filter("", "", "women_girls", "received")));
        assertEquals(List.of(lamps), ids(new PracticeLibrary.Filter("", "", "women_girls", "own")));
        assertEquals(List.of(clubs), ids(new PracticeLibrary.Filter("", "social", "", "")));
        assertEquals(3, ids(new PracticeLibrary.Filter("", "unknown", "nobody", "elsewhere")).size(), "unknown filters do not filter");
    }

    private List<Long> ids(PracticeLibrary.Filter f) {
        return library.search(f).stream().map(Practice::id).toList();
    }

    private static java.util.Set<String> keys(org.safercities.platform.web.FieldErrors e) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String f : List.of("title", "problem", "intervention", "preventionType", "evidence", "cost", "contactRole")) {
            if (e.has(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
