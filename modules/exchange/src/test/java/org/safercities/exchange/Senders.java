package org.safercities.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.store.Store;

/**
 * Other offices for the receiving tests: each has its own OpenPGP key and makes exports in the module's format
 * (ExportBuilder) sealed with OfficeKeys.seal, as a city's kit does; and the broken files a receiver must refuse.
 */
final class Senders {

    /** An office elsewhere: its city and its key (the row as its own kit would hold it). */
    record Office(String city, String country, ExchangeStore.OfficeKeyRow key) {
        String publicKey() {
            return key.publicKey();
        }
    }

    private Senders() {
    }

    static Office office(String city, String country) {
        String pass = "pass of " + city;
        OpenPgp.OfficeKey k = OpenPgp.generateKey("Safer Cities Kit office: " + city, pass.toCharArray());
        return new Office(city, country, new ExchangeStore.OfficeKeyRow(k.fingerprint(), k.userId(), k.created(),
                k.armouredPublicKey(), k.armouredSecretKey(), pass));
    }

    /** This office accepts exports signed by {@code o} (as KeyBook's page would store it). */
    static void trust(Store store, Office o, String label) {
        store.tx(c -> new ExchangeStore().insertKey(c, "sender", label, o.key().fingerprint(), o.key().userId(),
                o.publicKey(), Instant.now()));
    }

    /** A city-wide value of an indicator (null value with cases 1..threshold-1: the export hides it). */
    static IndicatorValues.Value value(String code, String period, Double value, Long cases) {
        return new IndicatorValues.Value(code, period, null, "", "", value, null, null, cases, "entered", "Police", "good");
    }

    /** An export of {@code city} for {@code year} with these city-wide values and one practice of its own. */
    static ExportBuilder.Content content(Office o, int year, List<IndicatorValues.Value> values, String practiceTitle) {
        var base = ExportBuilderTest.content(true);
        List<IndicatorValues.Indicator> indicators = List.of(
                new IndicatorValues.Indicator("16.1.1", "Homicide victims per 100,000", "per100k", "down", "builtin", "yearly"),
                new IndicatorValues.Indicator("16.1.4", "Feeling safe walking alone", "percent", "up", "builtin", "yearly"));
        List<Practice> practices = practiceTitle == null ? List.of() : List.of(new Practice(1, practiceTitle,
                "Dark lanes near the market", "Solar lamps and a night patrol", "situational", List.of("women_girls"),
                "Fewer incidents reported", "KES 2m", "Head of works", null, null, 0));
        return new ExportBuilder.Content("0.1.0", Instant.parse(year + 1 + "-01-10T08:00:00Z"), o.city(), o.country(),
                "KES", year, year, 5, base.strategy(), base.budget(), base.incidents(), indicators, values, List.of(),
                base.review(), practices, id -> "W0" + id);
    }

    static byte[] zip(ExportBuilder.Content c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportBuilder.zip(c, out);
        return out.toByteArray();
    }

    /** Encrypts to {@code recipient} and signs by {@code from}, as OfficeKeys.seal does in the sender's kit. */
    static byte[] seal(Office from, byte[] plain, String recipientPublicKey) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        OfficeKeys.seal(from.key(), new ByteArrayInputStream(plain), "export.zip", sealed, List.of(recipientPublicKey));
        return sealed.toByteArray();
    }

    /** A zip of these parts with a manifest computed for them, then edited by {@code manifest}. */
    static byte[] rezip(Map<String, byte[]> parts, UnaryOperator<JsonObject> manifest) throws Exception {
        JsonObject old = parts.containsKey("manifest.json") ? Json.createReader(new StringReader(
                new String(parts.get("manifest.json"), StandardCharsets.UTF_8))).readObject() : null;
        JsonArrayBuilder listed = Json.createArrayBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> p : parts.entrySet()) {
                if (p.getKey().equals("manifest.json")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
                listed.add(Json.createObjectBuilder().add("name", p.getKey()).add("bytes", p.getValue().length)
                        .add("sha256", new ExportBuilder.Part(p.getKey(), p.getValue()).sha256()));
            }
            if (manifest != null) {
                var b = Json.createObjectBuilder(old == null ? JsonValue.EMPTY_JSON_OBJECT : old).add("parts", listed);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(manifest.apply(b.build()).toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        return new LinkedHashMap<>(ExportBuilderTest.unzip(zip));
    }

    static JsonObject edit(JsonObject o, String name, JsonValue value) {
        return Json.createObjectBuilder(o).add(name, value).build();
    }

    /** An encrypted but unsigned OpenPGP message, made by GnuPG (the kit never makes one). */
    static byte[] unsignedByGpg(byte[] plain, String recipientPublicKey, String fingerprint) throws Exception {
        Path dir = Files.createTempDirectory("exchange-unsigned");
        try {
            Path home = Files.createDirectory(dir.resolve("home"), java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Files.writeString(dir.resolve("to.asc"), recipientPublicKey);
            Files.write(dir.resolve("plain.zip"), plain);
            run(dir, home, List.of("--import", "to.asc"));
            run(dir, home, List.of("--trust-model", "always", "--recipient", fingerprint, "--output", "out.gpg",
                    "--encrypt", "plain.zip"));
            return Files.readAllBytes(dir.resolve("out.gpg"));
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", dir.resolve("home").toString(), "--kill", "all").start().waitFor();
            org.safercities.platform.store.DataFolder.deleteTree(dir);
        }
    }

    private static void run(Path dir, Path home, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("gpg " + args + ": " + out);
        }
    }
}
