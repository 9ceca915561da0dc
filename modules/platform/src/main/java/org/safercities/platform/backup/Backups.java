package org.safercities.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Store;

/**
 * Backups of the store: on demand and daily, to a folder the administrator chooses (a USB stick, say),
 * keeping the last N. A backup is one zip file holding Derby's online backup of the database ({@code db/})
 * and {@code backup.properties}; an encrypted store stays encrypted in its backup.
 */
public final class Backups implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());
    static final String PREFIX = "safercities-backup-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public record Settings(Path folder, int keep, int dailyHour) {
    }

    /** What the backups page shows: running now, and how the last one ended. */
    public record Status(boolean running, long bytesDone, Instant lastAt, String lastFile, long lastSize,
            String lastErrorKey) {
        static final Status IDLE = new Status(false, 0, null, null, 0, null);
    }

    public record BackupFile(String name, long size, Instant modified) {
    }

    private final Store store;
    private final DataFolder data;
    private final AuditLog audit;
    private final Clock clock;
    private final String kitVersion;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backups");
        t.setDaemon(true);
        return t;
    });

    public Backups(Store store, DataFolder data, AuditLog audit, Clock clock, String kitVersion) {
        this.store = store;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
        this.kitVersion = kitVersion;
    }

    /** Checks every ten minutes whether today's backup is due. */
    public void scheduleDaily() {
        worker.scheduleWithFixedDelay(this::dailyIfDue, 1, 10, TimeUnit.MINUTES);
    }

    void dailyIfDue() {
        try {
            if (store.state() != Store.State.READY) {
                return;
            }
            Settings s = settings();
            LocalDateTime now = LocalDateTime.now(clock);
            if (now.getHour() < s.dailyHour()) {
                return;
            }
            LocalDate today = now.toLocalDate();
            boolean doneToday = list(s.folder()).stream()
                    .anyMatch(f -> LocalDate.ofInstant(f.modified(), clock.getZone()).equals(today));
            if (!doneToday) {
                run("-", "daily");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "daily backup check failed", e);
        }
    }

    public Settings settings() {
        Map<String, String> v = store.read(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM platform_setting WHERE name LIKE 'backup.%'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
        return new Settings(Path.of(v.getOrDefault("backup.folder", data.defaultBackups().toString())),
                Integer.parseInt(v.getOrDefault("backup.keep", "7")), Integer.parseInt(v.getOrDefault("backup.hour", "12")));
    }

    /** Saves the settings after checking that the folder can be written (a USB stick that is not there, say). */
    public void saveSettings(Settings s, String actor, String address) {
        if (!s.folder().isAbsolute()) {
            throw Problem.invalid("platform.backups.folderNotAbsolute");
        }
        if (s.keep() < 1 || s.keep() > 365 || s.dailyHour() < 0 || s.dailyHour() > 23) {
            throw Problem.invalid("platform.backups.badNumbers");
        }
        checkWritable(s.folder(), true);
        store.tx(c -> {
            put(c, "backup.folder", s.folder().toString());
            put(c, "backup.keep", Integer.toString(s.keep()));
            put(c, "backup.hour", Integer.toString(s.dailyHour()));
            audit.append(c, new AuditLog.Event(actor, address, "backup.settings", "setting", "backup", "ok",
                    s.folder() + " keep " + s.keep() + " at " + s.dailyHour() + "h"));
            return null;
        });
    }

    private static void put(java.sql.Connection c, String name, String val) throws java.sql.SQLException {
        try (PreparedStatement upd = c.prepareStatement("UPDATE platform_setting SET val = ?, updated_at = ? WHERE name = ?")) {
            upd.setString(1, val);
            upd.setTimestamp(2, Timestamp.from(Instant.now()));
            upd.setString(3, name);
            if (upd.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO platform_setting (name, val, updated_at) VALUES (?, ?, ?)")) {
            ins.setString(1, name);
            ins.setString(2, val);
            ins.setTimestamp(3, Timestamp.from(Instant.now()));
            ins.executeUpdate();
        }
    }

    /**
     * @param create true when the administrator names the folder (it is made then); false for each backup: a
     * folder that has gone is an unplugged USB stick, and creating it again would write to the internal disk
     * under the stick's empty mount point.
     */
    static void checkWritable(Path folder, boolean create) {
        try {
            if (create) {
                Files.createDirectories(folder);
            } else if (!Files.isDirectory(folder)) {
                throw new IOException("missing");
            }
            Path probe = Files.createTempFile(folder, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw Problem.invalid("platform.backups.folderNotWritable", folder.toString());
        }
    }

    public Status status() {
        return status.get();
    }

    /** Starts a backup in the background; false when one is already running or about to. */
    public boolean startNow(String actor, String address) {
        // one waiting or running at most: several clicks before the first had started queued one full backup each
        if (status.get().running() || !queued.compareAndSet(false, true)) {
            return false;
        }
        worker.execute(() -> {
            try {
                run(actor, address);
            } finally {
                queued.set(false);
            }
        });
        return true;
    }

    /** Runs a backup now, in the calling thread (the daily job and tests). */
    public synchronized Path run(String actor, String address) {
        Status before = status.get();
        status.set(new Status(true, 0, before.lastAt(), before.lastFile(), before.lastSize(), null));
        Settings settings = settings();
        Path tmp = null;
        try {
            checkWritable(settings.folder(), settings.folder().equals(data.defaultBackups()));
            tmp = Files.createTempDirectory(data.root(), "backup-");
            store.backupTo(tmp);
            String name = PREFIX + STAMP.format(LocalDateTime.now(clock)) + ".zip";
            Path part = settings.folder().resolve(name + ".part");
            Path target = settings.folder().resolve(name);
            zip(tmp, part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            long size = Files.size(target);
            prune(settings);
            audit.record(new AuditLog.Event(actor, address, "backup.create", "file", name, "ok", size + " bytes"));
            status.set(new Status(false, size, Instant.now(clock), name, size, null));
            return target;
        } catch (Problem p) {
            status.set(new Status(false, 0, before.lastAt(), before.lastFile(), before.lastSize(), p.messageKey()));
            audit.record(new AuditLog.Event(actor, address, "backup.create", "file", "-", "failed", p.messageKey()));
            throw p;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "backup failed", e);
            status.set(new Status(false, 0, before.lastAt(), before.lastFile(), before.lastSize(), "platform.backups.failed"));
            audit.record(new AuditLog.Event(actor, address, "backup.create", "file", "-", "failed", String.valueOf(e.getMessage())));
            throw new Problem(500, "platform.backups.failed");
        } finally {
            if (tmp != null) {
                try {
                    DataFolder.deleteTree(tmp);
                } catch (IOException ignored) {
                    // the next start's clean-up does not look here; a leftover temp folder is harmless
                }
            }
        }
    }

    private void zip(Path backupDir, Path target) throws IOException {
        Path db = backupDir.resolve("db");
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            Properties p = new Properties();
            p.setProperty("kit.version", kitVersion);
            p.setProperty("created", Instant.now(clock).toString());
            p.setProperty("encrypted", Boolean.toString(store.encrypted()));
            zip.putNextEntry(new ZipEntry("backup.properties"));
            p.store(zip, "Safer Cities Kit backup");
            zip.closeEntry();
            try (var files = Files.walk(db)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry("db/" + db.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                    Status s = status.get();
                    status.set(new Status(true, s.bytesDone() + Files.size(f), s.lastAt(), s.lastFile(), s.lastSize(), null));
                }
            }
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true); // on a USB stick, the file is on the stick before we say it is done
        }
    }

    private void prune(Settings s) throws IOException {
        List<BackupFile> files = list(s.folder());
        for (int i = s.keep(); i < files.size(); i++) {
            Files.deleteIfExists(s.folder().resolve(files.get(i).name()));
        }
    }

    /** The backups in a folder, newest first. */
    public static List<BackupFile> list(Path folder) {
        List<BackupFile> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(".zip")) {
                    out.add(new BackupFile(n, Files.size(f), Files.getLastModifiedTime(f).toInstant()));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(BackupFile::name).reversed());
        return out;
    }

    /**
     * Restores a backup into a data folder that no kit is using: the current database is kept aside as
     * {@code db.before-restore-<time>}, never deleted. Returns that folder (or null when there was none).
     */
    public static Path restore(Path zipFile, DataFolder data) throws IOException {
        Path staging = data.root().resolve("db.restoring-" + System.nanoTime());
        Files.createDirectories(staging);
        boolean sawProperties = false;
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("backup.properties")) {
                    sawProperties = true;
                    continue;
                }
                Path target = staging.resolve(e.getName()).normalize();
                if (!target.startsWith(staging.resolve("db")) || e.isDirectory()) {
                    continue; // nothing outside db/ is ever written (zip-slip)
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
            }
        } catch (IOException | IllegalArgumentException e) {
            DataFolder.deleteTree(staging);
            throw new IOException("This file is not a readable Safer Cities Kit backup: " + zipFile, e);
        }
        Path restoredDb = staging.resolve("db");
        if (!sawProperties || !Files.isRegularFile(restoredDb.resolve("service.properties"))) {
            DataFolder.deleteTree(staging);
            throw new IOException("This file is not a readable Safer Cities Kit backup (no database inside): " + zipFile);
        }
        Path kept = null;
        if (Files.exists(data.database())) {
            kept = data.root().resolve("db.before-restore-" + STAMP.format(LocalDateTime.now(ZoneId.systemDefault())));
            Files.move(data.database(), kept, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(restoredDb, data.database(), StandardCopyOption.ATOMIC_MOVE);
        DataFolder.deleteTree(staging);
        return kept;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
