package org.safercities.platform.backup;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.safercities.platform.PlatformModuleAccess;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;

/** The daily backup runs once a day after the chosen hour: the clock is the edge mocked here. */
class DailyBackupTest {

    @Test
    void onceADayAfterTheHour() throws Exception {
        Path dir = Files.createTempDirectory("daily");
        Path usb = Files.createTempDirectory("usb");
        Clock clock = Mockito.mock(Clock.class);
        Mockito.when(clock.getZone()).thenReturn(ZoneOffset.UTC);
        Mockito.when(clock.instant()).thenReturn(Instant.parse("2026-11-23T09:00:00Z"));
        Mockito.when(clock.millis()).thenAnswer(i -> clock.instant().toEpochMilli());
        try (DataFolder folder = new DataFolder(dir).lock()) {
            Store store = new Store(folder, 2);
            store.create(null);
            new Migrator(store, getClass().getClassLoader()).migrate(List.of(
                    new Migrator.ModuleMigrations("platform", PlatformModuleAccess.migrations())));
            try (Backups backups = new Backups(store, folder, new AuditLog(store, clock), clock, "test")) {
                backups.saveSettings(new Backups.Settings(usb, 7, 12), "t", "-");
                backups.dailyIfDue();
                assertEquals(0, Backups.list(usb).size(), "not before noon");
                Mockito.when(clock.instant()).thenReturn(Instant.parse("2026-11-23T12:30:00Z"));
                backups.dailyIfDue();
                assertEquals(1, Backups.list(usb).size());
                Files.setLastModifiedTime(usb.resolve(Backups.list(usb).get(0).name()),
                        java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-23T12:30:00Z")));
                Mockito.when(clock.instant()).thenReturn(Instant.parse("2026-11-23T15:00:00Z"));
                backups.dailyIfDue();
                assertEquals(1, Backups.list(usb).size(), "once a day");
                Mockito.when(clock.instant()).thenReturn(Instant.parse("2026-11-24T12:01:00Z"));
                backups.dailyIfDue();
                assertEquals(2, Backups.list(usb).size(), "and again the next day");
            }
            store.close();
        } finally {
            DataFolder.deleteTree(dir);
            DataFolder.deleteTree(usb);
        }
    }
}
