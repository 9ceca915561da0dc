package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.store.Store;

/** The exchange tables on a real Derby database: reviews with optimistic versions, practices, keys, exports. */
class ExchangeStoreTest {

    private ExchangeDb db;
    private Store store;
    private final ExchangeStore sql = new ExchangeStore();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void open() throws Exception {
        db = new ExchangeDb();
        store = db.store;
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private Review review(String measures) {
        return new Review(2025, measures, "d", "a", "p", 1, 2, 3, 450_000L, 7, now, "coordinator", 0, false);
    }

    @Test
    void aReviewIsInsertedThenUpdatedOnlyFromTheVersionItWasReadAt() {
        assertTrue((boolean) store.tx(c -> sql.saveReview(c, review("first"), 0, false)));
        Review saved = store.read(c -> sql.review(c, 2025)).orElseThrow();
        assertEquals("first", saved.measures());
        assertEquals(450_000L, saved.fundsMinor());
        assertTrue(saved.saved());
        assertTrue((boolean) store.tx(c -> sql.saveReview(c, review("second"), saved.version(), true)));
        assertFalse((boolean) store.tx(c -> sql.saveReview(c, review("stale"), saved.version(), true)),
                "a save from a page read before the last save is refused");
        assertEquals("second", store.read(c -> sql.review(c, 2025)).orElseThrow().measures());
        assertEquals(List.of(2025), store.read(sql::reviewCycles));
    }

    @Test
    void receivedPracticesCannotBeChangedOrDeleted() {
        PracticeForm f = new PracticeForm("Lights", "dark lanes", "solar lamps", "situational",
                List.of("women_girls", "older_persons"), "fewer incidents", "2 000 000 KES", "Head of works", "0");
        long own = store.tx(c -> sql.insertPractice(c, f, null, null, now));
        long theirs = store.tx(c -> sql.insertPractice(c, f, "Other City", 9L, now));
        List<Practice> all = store.read(sql::practices);
        assertEquals(List.of(own, theirs), all.stream().map(Practice::id).toList(), "own practices first");
        assertEquals(List.of("women_girls", "older_persons"), all.get(0).targetGroups());
        assertTrue(all.get(0).own());
        assertFalse(all.get(1).own());
        assertFalse((boolean) store.tx(c -> sql.updatePractice(c, theirs, 0, f)));
        assertFalse((boolean) store.tx(c -> sql.deletePractice(c, theirs)));
        assertTrue((boolean) store.tx(c -> sql.updatePractice(c, own, 0, f)));
        assertTrue((boolean) store.tx(c -> sql.deletePractice(c, own)));
    }

    @Test
    void aKeyIsHeldOncePerKindAndTheOfficeKeyOnce() {
        store.tx(c -> sql.insertKey(c, "recipient", "UN-Habitat", "AB12", "UN <un@example.org>", "armoured", now));
        assertTrue((boolean) store.read(c -> sql.hasKey(c, "recipient", "AB12")));
        assertFalse((boolean) store.read(c -> sql.hasKey(c, "sender", "AB12")));
        assertThrows(RuntimeException.class, () -> store.tx(c -> sql.insertKey(c, "recipient", "again", "AB12", "", "x", now)));
        var office = new ExchangeStore.OfficeKeyRow("CD34", "Demo office", now, "pub", "sec", "pass");
        store.tx(c -> {
            sql.insertOfficeKey(c, office);
            return null;
        });
        assertEquals(office, store.read(sql::officeKey).orElseThrow());
        assertThrows(RuntimeException.class, () -> store.tx(c -> {
            sql.insertOfficeKey(c, office);
            return null;
        }));
    }

    @Test
    void exportsAreListedNewestFirstAsRecorded() {
        var first = new ExchangeStore.ExportRow(0, now, "coordinator", 2024, 2024, "demo-2024-2024-20260101-080000.zip.gpg",
                1234, "ab".repeat(32), "CD34", "AB12,EF56", "/media/usb");
        var second = new ExchangeStore.ExportRow(0, now.plusSeconds(60), "coordinator", 2020, 2025,
                "demo-2020-2025-20260101-080100.zip.gpg", 99_000, "cd".repeat(32), "CD34", "AB12", "/data/exports");
        long a = store.tx(c -> sql.insertExport(c, first));
        long b = store.tx(c -> sql.insertExport(c, second));
        List<ExchangeStore.ExportRow> rows = store.read(sql::exports);
        assertEquals(List.of(b, a), rows.stream().map(ExchangeStore.ExportRow::id).toList());
        assertEquals(new ExchangeStore.ExportRow(a, now, "coordinator", 2024, 2024, first.fileName(), 1234, first.sha256(),
                "CD34", "AB12,EF56", "/media/usb"), rows.get(1));
    }
}
