package org.safercities.exchange;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.store.StoreException;

/**
 * The receiving side of the exchange: a sealed export (.zip.gpg) another office sent is decrypted with this office's
 * key and verified against the known senders (exchange_key, kind "sender") into a temporary file, with a cap on the
 * decrypted size; then the zip is opened and checked (manifest present, every part's size and SHA-256, a known schema
 * version, export.json valid against {@link ExportSchema}, the same city and period in both); only then is it stored,
 * in one transaction, with the practices it carries as read-only received practices (replacing those of the city's
 * earlier exports: an export carries the city's whole list). A file already received (same
 * SHA-256) is refused. Every refusal names its reason as a message key, stores nothing and leaves an audit line.
 */
final class Receiving {

    /** The decrypted content is refused past this (a zip bomb, a huge file); ExchangeModule may set less. */
    static final long DEFAULT_MAX_PLAIN_BYTES = 100L * 1024 * 1024;
    /** Schema versions this kit reads. */
    static final Set<String> KNOWN_VERSIONS = Set.of(ExportSchema.VERSION);
    private static final int MAX_PARTS = 32;

    /** Why a received file was refused: a message key with its arguments, and an English detail for the audit log. */
    static final class Refused extends Exception {
        private final String key;
        private final transient Object[] args;

        Refused(String key, String detail, Object... args) {
            super(detail, null, false, false);
            this.key = key;
            this.args = args;
        }

        String key() {
            return key;
        }

        Object[] args() {
            return args.clone();
        }
    }

    /** The decrypted content grew past the cap. */
    static final class TooBig extends IOException {
        TooBig(long cap) {
            super("the decrypted content is larger than " + cap + " bytes");
        }
    }

    private final Store store;
    private final AuditLog audit;
    private final ExchangeStore sql;
    private final OfficeKeys officeKeys;
    private final Supplier<String> cityName;
    private final Clock clock;
    private final long maxPlainBytes;

    Receiving(Store store, AuditLog audit, ExchangeStore sql, OfficeKeys officeKeys, Supplier<String> cityName,
            Clock clock, long maxPlainBytes) {
        this.store = store;
        this.audit = audit;
        this.sql = sql;
        this.officeKeys = officeKeys;
        this.cityName = cityName;
        this.clock = clock;
        this.maxPlainBytes = maxPlainBytes;
    }

    long maxPlainBytes() {
        return maxPlainBytes;
    }

    /** The message key of each OpenPGP refusal. */
    static String key(OpenPgp.PgpException.Reason r) {
        return switch (r) {
            case NOT_OPENPGP -> "exchange.import.notOpenpgp";
            case NOT_FOR_US -> "exchange.import.notForUs";
            case TAMPERED, BAD_SIGNATURE -> "exchange.import.tampered";
            case NOT_SIGNED -> "exchange.import.unsigned";
            case UNKNOWN_SIGNER -> "exchange.import.unknownSigner";
            case BAD_KEY, WRONG_PASSPHRASE -> "exchange.import.officeKey";
        };
    }

    /**
     * Checks and stores a received file; returns the new exchange_received id. Nothing is stored when it is
     * refused; the refusal is audited either way.
     */
    long receive(Path sealed, String fileName, String actor, String address) throws Refused {
        try {
            long id = check(sealed, fileName, actor);
            return id;
        } catch (Refused r) {
            audit.record(new AuditLog.Event(actor, address, "exchange.received.refused", "exchange_received", "-",
                    "refused", r.key() + ": " + r.getMessage() + " (" + fileName + ")"));
            throw r;
        }
    }

    private long check(Path sealed, String fileName, String actor) throws Refused {
        String fileSha = sha256(sealed);
        if (store.read(c -> sql.receivedFile(c, fileSha))) {
            throw new Refused("exchange.import.duplicate", "already received: " + fileSha);
        }
        ExchangeStore.OfficeKeyRow own = officeKeys.key(cityName.get());
        List<ExchangeStore.StoredKey> senders = store.read(c -> sql.keys(c, "sender"));
        Path plain = null;
        try {
            plain = Files.createTempFile(store.folder().uploads(), "received-", ".zip");
            OpenPgp.Verified verified;
            try (InputStream in = Files.newInputStream(sealed);
                 OutputStream out = new Capped(Files.newOutputStream(plain), maxPlainBytes)) {
                verified = OfficeKeys.open(own, in, out, senders.stream().map(ExchangeStore.StoredKey::armoured).toList());
            } catch (OpenPgp.PgpException e) {
                throw new Refused(key(e.reason()), e.getMessage());
            } catch (TooBig e) {
                throw new Refused("exchange.import.tooBig", e.getMessage(), megabytes(maxPlainBytes));
            } catch (IOException e) {
                throw new Refused("exchange.import.notOpenpgp", "unreadable: " + e.getMessage());
            }
            JsonObject export = open(plain);
            ExchangeStore.StoredKey signer = senders.stream()
                    .filter(k -> k.fingerprint().equalsIgnoreCase(verified.signerFingerprint())).findFirst()
                    .orElseThrow(() -> new Refused("exchange.import.unknownSigner", "no stored key for "
                            + verified.signerFingerprint()));
            return store(export, signer, verified, fileSha, actor);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (plain != null) {
                try {
                    Files.deleteIfExists(plain);
                } catch (IOException ignored) {
                    // uploads/ is emptied at the next start
                }
            }
        }
    }

    /** Opens the decrypted zip and checks it; returns export.json once everything holds. */
    JsonObject open(Path zipFile) throws Refused {
        Map<String, byte[]> parts = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        long budget = maxPlainBytes;
        try (ZipFile zip = new ZipFile(zipFile.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int count = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (++count > MAX_PARTS) {
                    throw new Refused("exchange.import.notExport", "more than " + MAX_PARTS + " entries");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (parts.containsKey(e.getName())) {
                    throw new Refused("exchange.import.notExport", "entry twice: " + e.getName());
                }
                MessageDigest md = ExportBuilder.sha256();
                byte[] bytes;
                try (InputStream in = new DigestInputStream(zip.getInputStream(e), md)) {
                    bytes = readCapped(in, budget);
                }
                budget -= bytes.length;
                parts.put(e.getName(), bytes);
                hashes.put(e.getName(), HexFormat.of().formatHex(md.digest()));
            }
        } catch (TooBig e) {
            throw new Refused("exchange.import.tooBig", "unzipped: " + e.getMessage(), megabytes(maxPlainBytes));
        } catch (ZipException e) {
            throw new Refused("exchange.import.notExport", "not a zip: " + e.getMessage());
        } catch (IOException e) {
            throw new Refused("exchange.import.notExport", "unreadable zip: " + e.getMessage());
        }
        byte[] manifestBytes = parts.get("manifest.json");
        if (manifestBytes == null) {
            throw new Refused("exchange.import.noManifest", "no manifest.json");
        }
        JsonObject manifest = json(manifestBytes, "exchange.import.badManifest");
        String version = text(manifest, "schemaVersion");
        if (version == null) {
            throw new Refused("exchange.import.badManifest", "manifest without schemaVersion");
        }
        if (!KNOWN_VERSIONS.contains(version)) {
            throw new Refused("exchange.import.schemaVersion", "schema version " + version, version,
                    String.join(", ", KNOWN_VERSIONS));
        }
        Map<String, JsonObject> listed = new HashMap<>();
        try {
            for (JsonValue v : manifest.getJsonArray("parts")) {
                JsonObject p = v.asJsonObject();
                listed.put(p.getString("name"), p);
            }
        } catch (RuntimeException e) {
            throw new Refused("exchange.import.badManifest", "manifest parts unreadable: " + e.getMessage());
        }
        for (String name : parts.keySet()) {
            if (!name.equals("manifest.json") && !listed.containsKey(name)) {
                throw new Refused("exchange.import.extraPart", "part not in the manifest: " + name, name);
            }
        }
        if (!listed.containsKey("export.json")) {
            throw new Refused("exchange.import.missingPart", "export.json not listed", "export.json");
        }
        for (Map.Entry<String, JsonObject> l : listed.entrySet()) {
            String name = l.getKey();
            byte[] bytes = parts.get(name);
            if (bytes == null) {
                throw new Refused("exchange.import.missingPart", "listed part missing: " + name, name);
            }
            JsonObject p = l.getValue();
            boolean sizeOk = p.get("bytes") instanceof jakarta.json.JsonNumber n && n.longValue() == bytes.length;
            String want = text(p, "sha256");
            if (!sizeOk || want == null || !want.toLowerCase(Locale.ROOT).equals(hashes.get(name))) {
                throw new Refused("exchange.import.badHash", "size or SHA-256 of " + name + " differs from the manifest",
                        name);
            }
        }
        JsonObject export = json(parts.get("export.json"), "exchange.import.schemaInvalid");
        List<String> problems = ExportSchema.shipped().problems(export);
        if (!problems.isEmpty()) {
            throw new Refused("exchange.import.schemaInvalid", String.join("; ", problems), problems.get(0));
        }
        JsonObject period = export.getJsonObject("period");
        if (!export.getString("schemaVersion").equals(version)
                || !export.getJsonObject("city").getString("name").equals(text(manifest, "city"))
                || !(manifest.get("fromYear") instanceof jakarta.json.JsonNumber from && from.intValue() == period.getInt("fromYear"))
                || !(manifest.get("toYear") instanceof jakarta.json.JsonNumber to && to.intValue() == period.getInt("toYear"))) {
            throw new Refused("exchange.import.manifestMismatch", "manifest and export.json name another city, period or version");
        }
        return export;
    }

    private long store(JsonObject export, ExchangeStore.StoredKey signer, OpenPgp.Verified verified, String fileSha,
            String actor) throws Refused {
        JsonObject city = export.getJsonObject("city");
        JsonObject period = export.getJsonObject("period");
        var now = clock.instant();
        var row = new ExchangeStore.ReceivedRow(0, now, actor, verified.signerFingerprint(), signer.label(),
                verified.signedAt() == null ? now : verified.signedAt(), city.getString("name"), city.getString("country"),
                period.getInt("fromYear"), period.getInt("toYear"), export.getString("schemaVersion"),
                export.getString("kitVersion"), fileSha, export.toString());
        Optional<Long> stored = null;
        // Derby can refuse one of several imports at once for contention on the new row's identity (40XL1, at
        // once, seen in a test of four at once): that one was rolled back whole, and runs again
        for (int attempt = 1; stored == null; attempt++) {
            try {
                stored = storeOnce(export, row, signer, actor, now);
            } catch (StoreException e) {
                if (!StoreException.lostLock(e) || attempt == 3) {
                    throw e;
                }
            }
        }
        return stored.orElseThrow(() -> new Refused("exchange.import.duplicate", "already received: " + fileSha));
    }

    private Optional<Long> storeOnce(JsonObject export, ExchangeStore.ReceivedRow row, ExchangeStore.StoredKey signer,
            String actor, java.time.Instant now) {
        Optional<Long> stored;
        try {
            stored = store.tx(c -> {
                if (sql.receivedFile(c, row.fileSha256())) {
                    return Optional.<Long>empty(); // another import of the same file got there first
                }
                // the export received last carries the city's practices: they replace those of its earlier exports
                sql.deleteReceivedPractices(c, row.city(), row.country());
                long id = sql.insertReceived(c, row);
                int practices = 0;
                for (JsonValue v : export.getJsonArray("goodPractices")) {
                    JsonObject p = v.asJsonObject();
                    PracticeForm f = new PracticeForm(p.getString("title"), p.getString("problem"), p.getString("intervention"),
                            p.getString("preventionType"), p.getJsonArray("targetGroups").getValuesAs(JsonString::getString)
                                    .stream().filter(Practice.GROUPS::contains).distinct().toList(),
                            p.getString("evidence"), p.getString("cost"), p.getString("contactRole"), "0");
                    sql.insertPractice(c, f, row.city(), id, now);
                    practices++;
                }
                audit.append(c, new AuditLog.Event(actor, "-", "exchange.received.create", "exchange_received",
                        Long.toString(id), "ok", row.city() + " " + row.fromYear() + "-" + row.toYear() + ", signed by "
                                + signer.label() + " " + row.signer() + ", " + practices + " practices"));
                return Optional.of(id);
            });
        } catch (StoreException e) {
            // two imports of the same file at once: both saw it absent, the unique SHA-256 let one in
            if (e.getCause() instanceof SQLException q && "23505".equals(q.getSQLState())) {
                stored = Optional.empty();
            } else {
                throw e;
            }
        }
        return stored;
    }

    // ---- helpers

    static long megabytes(long bytes) {
        return Math.max(1, bytes / (1024 * 1024));
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonObject json(byte[] bytes, String key) throws Refused {
        try (JsonReader r = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new Refused(key, "not a JSON object: " + e.getMessage(), "JSON");
        }
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                throw new TooBig(cap);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String sha256(Path file) {
        MessageDigest md = ExportBuilder.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** An output that refuses to grow past {@code cap} bytes. */
    static final class Capped extends FilterOutputStream {
        private final long cap;
        private long written;

        Capped(OutputStream out, long cap) {
            super(out);
            this.cap = cap;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws TooBig {
            written += n;
            if (written > cap) {
                throw new TooBig(cap);
            }
        }
    }
}
