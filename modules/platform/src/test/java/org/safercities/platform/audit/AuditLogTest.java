package org.safercities.platform.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;

class AuditLogTest {

    Path dir;
    DataFolder folder;
    Store store;
    AuditLog audit;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("audit-test");
        folder = new DataFolder(dir).lock();
        store = new Store(folder, 4);
        store.create(null);
        new Migrator(store, getClass().getClassLoader()).migrate(List.of(new Migrator.ModuleMigrations("platform",
                org.safercities.platform.PlatformModuleAccess.migrations())));
        audit = new AuditLog(store, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        folder.close();
        DataFolder.deleteTree(dir);
    }

    private void record(int i) {
        audit.record(new AuditLog.Event("user" + i, "127.0.0.1", "area.update", "area", Integer.toString(i), "ok", "detail " + i));
    }

    @Test
    void entriesChainAndVerify() {
        for (int i = 0; i < 20; i++) {
            record(i);
        }
        AuditLog.Verification v = audit.verify();
        assertTrue(v.intact());
        assertEquals(20, v.entries());
        List<AuditEntry> newest = audit.page(0, 5, null);
        assertEquals(20, newest.get(0).seq());
        assertEquals(newest.get(1).hash(), newest.get(0).prevHash());
    }

    @Test
    void anEditedEntryIsDetectedWhereItWasEdited() {
        for (int i = 0; i < 10; i++) {
            record(i);
        }
        store.tx(c -> c.createStatement().executeUpdate("UPDATE platform_audit SET actor = 'someone-else' WHERE seq = 4"));
        AuditLog.Verification v = audit.verify();
        assertFalse(v.intact());
        assertEquals(4, v.firstBrokenSeq());
    }

    @Test
    void aDeletedEntryOrTruncatedTailIsDetected() {
        for (int i = 0; i < 10; i++) {
            record(i);
        }
        store.tx(c -> c.createStatement().executeUpdate("DELETE FROM platform_audit WHERE seq = 7"));
        assertEquals(8, audit.verify().firstBrokenSeq());
        store.tx(c -> c.createStatement().executeUpdate("DELETE FROM platform_audit WHERE seq >= 7"));
        assertFalse(audit.verify().intact(), "removing the newest entries breaks the link to the head");
    }

    @Test
    void anEntryWrittenInsideAFailedChangeIsRolledBackWithIt() {
        record(1);
        assertThrows(IllegalStateException.class, () -> store.tx(c -> {
            audit.append(c, new AuditLog.Event("u", "-", "area.delete", "area", "9", "ok", ""));
            throw new IllegalStateException("the change failed");
        }));
        assertTrue(audit.verify().intact());
        assertEquals(1, audit.verify().entries());
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 100; i++) {
            int n = i;
            pool.execute(() -> record(n));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        AuditLog.Verification v = audit.verify();
        assertTrue(v.intact());
        assertEquals(100, v.entries());
    }
}
