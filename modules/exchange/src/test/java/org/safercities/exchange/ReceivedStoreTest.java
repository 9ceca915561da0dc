package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;

/** exchange_received on a real Derby database: listed newest first with or without content, once per file. */
class ReceivedStoreTest {

    private Path dir;
    private DataFolder folder;
    private Store store;
    private final ExchangeStore sql = new ExchangeStore();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("exchange-received");
        folder = new DataFolder(dir).lock();
        store = new Store(folder, 2);
        store.create(null);
        new Migrator(store, getClass().getClassLoader()).migrate(List.of(
                new Migrator.ModuleMigrations("exchange", List.of("V001__create_exchange.sql"))));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        folder.close();
        DataFolder.deleteTree(dir);
    }

    private ExchangeStore.ReceivedRow row(String city, String sha) {
        return new ExchangeStore.ReceivedRow(0, now, "forum", "AB12CD34", "Office of " + city, now.minusSeconds(60), city,
                "KE", 2024, 2025, "1.0", "0.1.0", sha, "{\"city\":\"" + city + "\"}");
    }

    @Test
    void receivedExportsAreListedNewestFirstAndEachFileOnce() {
        long first = store.tx(c -> sql.insertReceived(c, row("Nairobi", "aa")));
        long second = store.tx(c -> sql.insertReceived(c, row("Mombasa", "bb")));
        List<ExchangeStore.ReceivedRow> bare = store.read(sql::received);
        assertEquals(List.of(second, first), bare.stream().map(ExchangeStore.ReceivedRow::id).toList());
        assertNull(bare.get(0).content(), "the list does not read the content");
        List<ExchangeStore.ReceivedRow> full = new java.util.ArrayList<>();
        store.read(c -> {
            sql.eachReceived(c, full::add);
            return null;
        });
        assertEquals(List.of(first, second), full.stream().map(ExchangeStore.ReceivedRow::id).toList(), "oldest first");
        assertEquals("{\"city\":\"Mombasa\"}", full.get(1).content());
        ExchangeStore.ReceivedRow one = store.read(c -> sql.received(c, first)).orElseThrow();
        assertEquals(row("Nairobi", "aa"), new ExchangeStore.ReceivedRow(0, one.receivedAt(), one.receivedBy(), one.signer(),
                one.signerLabel(), one.signedAt(), one.city(), one.country(), one.fromYear(), one.toYear(),
                one.schemaVersion(), one.kitVersion(), one.fileSha256(), one.content()));
        assertTrue((boolean) store.read(c -> sql.receivedFile(c, "aa")));
        assertFalse((boolean) store.read(c -> sql.receivedFile(c, "cc")));
        assertThrows(RuntimeException.class, () -> store.tx(c -> sql.insertReceived(c, row("Again", "aa"))),
                "the same file twice breaks exchange_received_once");
        assertEquals(2, store.read(sql::received).size());
    }
}
