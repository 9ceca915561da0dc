package org.safercities.platform.backup;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.Problem;
import org.safercities.platform.TestKit;
import org.safercities.platform.store.DataFolder;

class BackupRestoreTest {

    @Test
    void backUpChangeRestoreAndFindTheDataAsItWas() throws Exception {
        Path usb = Files.createTempDirectory("usb-stick");
        try (TestKit kit = TestKit.demo()) {
            Browser admin = kit.browser();
            admin.signIn("demo-admin", "demo-city-2026");
            admin.get("/backups");
            HttpResponse<String> saved = admin.post("/backups/settings", Map.of("folder", usb.toString(), "keep", "2", "hour", "12"));
            assertEquals(303, saved.statusCode(), saved.body());
            HttpResponse<String> bad = admin.post("/backups/settings", Map.of("folder", "relative/path", "keep", "2", "hour", "12"));
            assertEquals(422, bad.statusCode());
            assertTrue(bad.body().contains("value=\"relative/path\""), "the typed folder is kept");
            assertTrue(bad.body().contains("Give the full path of the folder."));
            Path backup = kit.kit.backups().run("test", "-");
            assertTrue(Files.size(backup) > 10_000);
            assertTrue(backup.startsWith(usb));
            String before = admin.get("/areas.csv").body();

            // a change after the backup
            admin.get("/areas/new");
            String root = admin.get("/areas").body().replaceAll("(?s).*href=\"/areas/(\\d+)\">Demo City<.*", "$1");
            assertEquals(303, admin.post("/areas", Map.of("code", "AFTER-1", "name", "Added after the backup", "parentId", root)).statusCode());
            assertTrue(admin.get("/areas.csv").body().contains("AFTER-1"));

            // restoring needs the kit stopped: the data folder is locked while it runs
            DataFolder running = new DataFolder(kit.data);
            assertThrows(DataFolder.FolderInUse.class, running::lock);
            kit.kit.close();
            kit.kit = null;
            try (DataFolder folder = new DataFolder(kit.data).lock()) {
                Path kept = Backups.restore(backup, folder);
                assertNotNull(kept);
                assertTrue(Files.isDirectory(kept), "the replaced database is kept aside, never deleted");
            }
            kit.restart(Map.of("demo", "true"));
            Browser again = kit.browser();
            again.signIn("demo-admin", "demo-city-2026");
            String after = again.get("/areas.csv").body();
            assertEquals(before, after);
            assertFalse(after.contains("AFTER-1"));
        } finally {
            DataFolder.deleteTree(usb);
        }
    }

    @Test
    void onlyTheLastNBackupsAreKeptAndAnUnwritableFolderIsRefused() throws Exception {
        Path usb = Files.createTempDirectory("usb-stick");
        try (TestKit kit = TestKit.demo()) {
            Backups b = kit.kit.backups();
            b.saveSettings(new Backups.Settings(usb, 2, 12), "test", "-");
            for (int i = 0; i < 3; i++) {
                b.run("test", "-");
                Thread.sleep(1100); // names carry the second
            }
            List<Backups.BackupFile> files = Backups.list(usb);
            assertEquals(2, files.size());
            // the stick is unplugged: the backup fails and says so, instead of writing to the internal disk
            DataFolder.deleteTree(usb);
            Problem gone = assertThrows(Problem.class, () -> b.run("test", "-"));
            assertEquals("platform.backups.folderNotWritable", gone.messageKey());
            assertFalse(Files.exists(usb), "the missing folder was not created");
            Problem p = assertThrows(Problem.class, () -> b.saveSettings(new Backups.Settings(Path.of("/proc/no-such-usb"), 2, 12), "t", "-"));
            assertEquals("platform.backups.folderNotWritable", p.messageKey());
            assertThrows(Problem.class, () -> b.saveSettings(new Backups.Settings(Path.of("relative/folder"), 2, 12), "t", "-"));
        } finally {
            DataFolder.deleteTree(usb);
        }
    }

    /** Ten clicks on "back up now" at once make one backup, not ten queued one after the other. */
    @Test
    void clicksWhileABackupWaitsOrRunsStartNoOther() throws Exception {
        Path usb = Files.createTempDirectory("usb-stick");
        try (TestKit kit = TestKit.demo()) {
            Backups b = kit.kit.backups();
            b.saveSettings(new Backups.Settings(usb, 20, 12), "test", "-");
            int started = 0;
            for (int i = 0; i < 10; i++) {
                started += b.startNow("test", "-") ? 1 : 0;
            }
            assertEquals(1, started);
            for (int i = 0; i < 600 && (b.status().running() || Backups.list(usb).isEmpty()); i++) {
                Thread.sleep(100);
            }
            Thread.sleep(1100); // a second backup, had one been queued, would have a name of its own by now
            for (int i = 0; i < 600 && b.status().running(); i++) {
                Thread.sleep(100);
            }
            assertEquals(1, Backups.list(usb).size());
            assertTrue(b.startNow("test", "-"), "once it is over, the next click starts one");
            for (int i = 0; i < 600 && Backups.list(usb).size() < 2; i++) {
                Thread.sleep(100); // and it ends before the kit closes
            }
            assertEquals(2, Backups.list(usb).size());
        } finally {
            DataFolder.deleteTree(usb);
        }
    }

    @Test
    void aFileThatIsNotABackupIsRefusedAndChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("restore-test");
        Path bogus = Files.writeString(dir.resolve("not-a-backup.zip"), "hello");
        try (DataFolder folder = new DataFolder(dir.resolve("data")).lock()) {
            assertThrows(java.io.IOException.class, () -> Backups.restore(bogus, folder));
            assertFalse(Files.exists(folder.database()));
        } finally {
            DataFolder.deleteTree(dir);
        }
    }
}
