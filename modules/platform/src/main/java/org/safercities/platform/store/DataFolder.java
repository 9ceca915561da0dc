package org.safercities.platform.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one folder that holds everything the kit writes: the database ({@code db/}), uploads in progress,
 * logs, default backups. Holding it means holding {@code kit.lock}: a second kit on the same folder is
 * refused with a readable message, before Derby is even asked.
 */
public final class DataFolder implements AutoCloseable {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path uploads() {
        return root.resolve("uploads");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path defaultBackups() {
        return root.resolve("backups");
    }

    public Path extraLocales() {
        return root.resolve("locales");
    }

    /** Creates the folder if needed and takes the lock; throws {@link FolderInUse} if another kit holds it. */
    public DataFolder lock() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(uploads());
        Files.createDirectories(logs());
        Path lockFile = root.resolve("kit.lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new FolderInUse(root);
        }
        lockChannel.truncate(0);
        lockChannel.write(java.nio.ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\nsince=" + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        lockChannel.force(true);
        return this;
    }

    /** Removes what a crash can leave behind: half-created databases and unfinished uploads. */
    public void cleanLeftovers() throws IOException {
        try (var entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("db.creating-") || name.startsWith("db.restoring-")
                        || (name.startsWith("backup-") && Files.isDirectory(p))) { // a backup cut short
                    deleteTree(p);
                }
            }
        }
        try (var entries = Files.list(uploads())) {
            for (Path p : entries.toList()) {
                deleteTree(p);
            }
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }

    /** Another kit (or a restore) is using this data folder. */
    public static final class FolderInUse extends IOException {
        public FolderInUse(Path root) {
            super("Another Safer Cities Kit is already using the data folder " + root
                    + ". Close it first (or start this one with --data pointing to another folder).");
        }
    }
}
