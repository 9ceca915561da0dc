package org.safercities.platform.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Problem;

/** The store on real Derby in a temporary folder. */
class StoreTest {

    Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("store-test");
    }

    @AfterEach
    void clean() throws Exception {
        DataFolder.deleteTree(dir);
    }

    @Test
    void aNewFolderIsInSetupThenReadyAfterCreation() throws Exception {
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            assertEquals(Store.State.SETUP, s.state());
            s.create(null);
            assertEquals(Store.State.READY, s.state());
            assertFalse(s.encrypted());
            assertEquals(1, (int) s.read(c -> {
                try (var rs = c.createStatement().executeQuery("VALUES 1")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
            s.close();
            assertTrue(Files.isRegularFile(f.database().resolve("service.properties")));
            assertFalse(Files.exists(dir.resolve("derby.log")), "derby.log goes to logs/");
        }
    }

    @Test
    void aSecondKitOnTheSameFolderIsRefusedWithAReadableMessage() throws Exception {
        try (DataFolder first = new DataFolder(dir).lock()) {
            DataFolder.FolderInUse e = assertThrows(DataFolder.FolderInUse.class, () -> new DataFolder(dir).lock());
            assertTrue(e.getMessage().contains("already using the data folder"));
        }
        new DataFolder(dir).lock().close(); // free again once the first is closed
    }

    @Test
    void aHalfCreatedDatabaseLeftByACrashIsRemovedAndSetupStartsAgain() throws Exception {
        Path leftover = dir.resolve("db.creating-123");
        Files.createDirectories(leftover.resolve("seg0"));
        Files.writeString(leftover.resolve("service.properties"), "half");
        try (DataFolder f = new DataFolder(dir).lock()) {
            f.cleanLeftovers();
            assertFalse(Files.exists(leftover));
            Store s = new Store(f, 2);
            assertEquals(Store.State.SETUP, s.state(), "a crash during creation never leaves an unstartable db/");
            s.create(null);
            s.close();
        }
    }

    @Test
    void encryptedStoreNeedsThePassphraseAndRefusesAWrongOne() throws Exception {
        char[] pass = "a long office passphrase".toCharArray();
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            s.create(pass);
            s.tx(c -> c.createStatement().executeUpdate("CREATE TABLE t (v VARCHAR(20))"));
            s.tx(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES ('secret-value')"));
            s.close();
        }
        // AES-256 was asked for, not Derby's DES default
        String service = Files.readString(dir.resolve("db/service.properties"));
        assertTrue(service.contains("AES/CBC/NoPadding"), service);
        assertTrue(service.contains("encryptionKeyLength=256"), service);
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            assertEquals(Store.State.LOCKED, s.state());
            assertTrue(s.encrypted());
            Problem wrong = assertThrows(Problem.class, () -> s.boot("not the passphrase".toCharArray()));
            assertEquals("platform.unlock.wrongPassphrase", wrong.messageKey());
            assertEquals(Store.State.LOCKED, s.state());
            s.boot(pass);
            assertEquals("secret-value", s.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT v FROM t")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            s.close();
        }
        // the value is not readable in the files on disk
        try (var files = Files.walk(dir.resolve("db"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret-value"), p.toString());
            }
        }
    }

    @Test
    void aFailedTransactionLeavesNothing() throws Exception {
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            s.create(null);
            s.tx(c -> c.createStatement().executeUpdate("CREATE TABLE t (v INT NOT NULL)"));
            assertThrows(IllegalStateException.class, () -> s.tx(c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
                throw new IllegalStateException("power cut in the middle");
            }));
            assertEquals(0, (int) s.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
            s.close();
        }
    }

    @Test
    void migrationsRunOnceInOrderAndAnEditedReleasedFileIsRefused() throws Exception {
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            s.create(null);
            Migrator m = new Migrator(s, getClass().getClassLoader());
            List<Migrator.ModuleMigrations> platform = List.of(new Migrator.ModuleMigrations("platform",
                    List.of("V001__create_city_and_areas.sql", "V002__create_accounts_and_audit.sql", "V003__create_setting.sql")));
            m.migrate(platform);
            m.migrate(platform); // again: nothing to do, no failure
            assertEquals(3, (int) s.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM platform_migration")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
            s.tx(c -> c.createStatement().executeUpdate(
                    "UPDATE platform_migration SET checksum = '" + "0".repeat(64) + "' WHERE version = 2"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.migrate(platform));
            assertTrue(e.getMessage().contains("changed after it was applied"));
            s.close();
        }
    }

    @Test
    void aFolderFromANewerKitIsRefusedAndAnOlderOneIsUpgradedKeepingItsData() throws Exception {
        List<String> files = List.of("V001__create_city_and_areas.sql", "V002__create_accounts_and_audit.sql",
                "V003__create_setting.sql");
        try (DataFolder f = new DataFolder(dir).lock()) {
            Store s = new Store(f, 2);
            s.create(null);
            Migrator m = new Migrator(s, getClass().getClassLoader());
            // a data folder made by an older kit: only the first two migrations existed
            m.migrate(List.of(new Migrator.ModuleMigrations("platform", files)), 2);
            s.tx(c -> c.createStatement().executeUpdate("""
                    INSERT INTO platform_account (username, display_name, password_hash, role, created_at)
                    VALUES ('old-user', 'Old User', 'x', 'coordinator', CURRENT_TIMESTAMP)"""));
            assertThrows(Exception.class, () -> s.read(c -> c.createStatement().executeQuery("SELECT * FROM platform_setting")));
            // the new kit migrates it forward and keeps its data
            m.migrate(List.of(new Migrator.ModuleMigrations("platform", files)));
            assertEquals("Old User", s.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT display_name FROM platform_account")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            s.tx(c -> c.createStatement().executeUpdate(
                    "INSERT INTO platform_setting (name, val, updated_at) VALUES ('x', 'y', CURRENT_TIMESTAMP)"));
            // an older kit opening this folder refuses instead of guessing
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> m.migrate(List.of(new Migrator.ModuleMigrations("platform", files.subList(0, 2)))));
            assertTrue(e.getMessage().contains("newer version of the kit"));
            s.close();
        }
    }

    @Test
    void everyMigrationFileInTheFolderIsListed() throws Exception {
        try (var files = Files.list(Path.of("src/main/resources/db/platform"))) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(onDisk, org.safercities.platform.PlatformModuleAccess.migrations());
        }
    }

    @Test
    void statementsSplitOnLineEndSemicolonsAndSkipComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)"),
                Migrator.statements("-- comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n"));
    }
}
