package org.safercities.platform.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.links.NationalProfile;

/**
 * A national forum's kit profile: {@code kit-profile.json} (UTF-8 JSON, fields in docs/install-national-forum.md)
 * and its detached OpenPGP signature {@code kit-profile.json.asc}, made with the forum's key whose public part
 * is the profile's {@code signer} field. Read only through {@link #read}: an unsigned, tampered, wrongly signed
 * or malformed profile is refused as a whole ({@link Refused}), nothing of it is used.
 */
public record KitProfile(String name, String country, List<String> languages, List<String> levels,
        List<NationalIndicator> indicators, Set<String> modulesOff, List<Recipient> recipients, Integer threshold,
        String brandName, byte[] logoPng, List<AreaNode> areas, String signerFingerprint, String signerUserId,
        Instant signedAt) implements NationalProfile {

    /**
     * One area of the profile's optional area tree, parents before children. {@code depth} 0 is a city (a top
     * area, no parent): at set-up the city whose code the officer gives gets the areas under it.
     */
    public record AreaNode(String code, String parent, String name, String altName, String altNameLang, int depth) {
    }

    /** The cities (top areas) of the area tree. */
    public List<AreaNode> cities() {
        return areas.stream().filter(a -> a.depth() == 0).toList();
    }

    /** The areas under the city {@code cityCode}, at any depth, parents before children; empty if it has none. */
    public List<AreaNode> areasUnder(String cityCode) {
        Set<String> inside = new java.util.HashSet<>(Set.of(cityCode));
        List<AreaNode> out = new ArrayList<>();
        for (AreaNode a : areas) { // sorted by depth: a parent is seen before its children
            if (a.parent() != null && inside.contains(a.parent())) {
                inside.add(a.code());
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final int MAX_LOGO = 200 * 1024;
    /** The largest logo, in pixels each way: the header shows it 28 pixels high, the profile page 64. */
    static final int MAX_LOGO_PIXELS = 1024;
    static final int MAX_BRAND = 80;
    static final int MAX_AREAS = 20_000;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final Set<String> MODULES = Set.of("diagnosis", "partnerships", "strategy", "monitoring", "exchange");

    /**
     * Why a profile is refused: {@code key} is a message key ({@code platform.profile.refused.*}) with its
     * {@code args}, detail is English.
     */
    public static final class Refused extends Exception {
        private final String key;
        private final Object[] args;

        Refused(String key, String detail, Object... args) {
            super(detail);
            this.key = key;
            this.args = args.clone();
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    /**
     * Reads and checks {@code json} with {@code json + ".asc"}. With {@code trustedSigners} (fingerprints from
     * {@code profile.trusted-signers}) not empty, the signer must be one of them.
     */
    public static KitProfile read(Path json, Set<String> trustedSigners) throws Refused, IOException {
        byte[] bytes;
        String signature;
        try {
            if (Files.size(json) > MAX_BYTES) {
                throw new Refused("platform.profile.refused.broken", "larger than 2 MB");
            }
            bytes = Files.readAllBytes(json);
        } catch (NoSuchFileException e) {
            throw new Refused("platform.profile.refused.broken", "no file " + json);
        }
        try {
            signature = Files.readString(Path.of(json + ".asc"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException | java.nio.charset.MalformedInputException e) {
            throw new Refused("platform.profile.refused.unsigned", "no signature " + json + ".asc");
        }
        JsonObject o = json(bytes);
        String signer = text(o, "signer");
        if (signer == null) {
            throw new Refused("platform.profile.refused.broken", "no signer (the forum's public key)");
        }
        OpenPgp.Verified v;
        try {
            v = OpenPgp.verifyDetached(new ByteArrayInputStream(bytes), signature, List.of(signer));
        } catch (OpenPgp.PgpException e) {
            throw new Refused(switch (e.reason()) {
                case BAD_SIGNATURE, TAMPERED -> "platform.profile.refused.tampered";
                case UNKNOWN_SIGNER -> "platform.profile.refused.wrongSigner";
                case NOT_SIGNED, NOT_OPENPGP -> "platform.profile.refused.unsigned";
                default -> "platform.profile.refused.broken";
            }, e.getMessage());
        }
        if (!trustedSigners.isEmpty() && trustedSigners.stream().noneMatch(f -> normal(f).equals(normal(v.signerFingerprint())))) {
            throw new Refused("platform.profile.refused.wrongSigner", "signer " + v.signerFingerprint() + " is not in profile.trusted-signers");
        }
        return parse(o, v);
    }

    /**
     * Checks a profile's content as {@link #read} does, but not its signature: what {@code profile sign} checks
     * before signing. The signer fields are the {@code signer} key's; {@code signedAt} is null.
     */
    public static KitProfile content(byte[] bytes) throws Refused {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("platform.profile.refused.broken", "larger than 2 MB");
        }
        JsonObject o = json(bytes);
        String signer = text(o, "signer");
        if (signer == null) {
            throw new Refused("platform.profile.refused.broken", "no signer (the forum's public key)");
        }
        OpenPgp.KeyInfo k;
        try {
            k = OpenPgp.readPublicKey(signer);
        } catch (OpenPgp.PgpException e) {
            throw new Refused("platform.profile.refused.broken", "signer is not an OpenPGP public key: " + e.getMessage());
        }
        return parse(o, new OpenPgp.Verified(k.fingerprint(), k.userId(), null, null));
    }

    /** The profile's JSON with {@code signer} set to this public key (the other members as they were, in order). */
    public static byte[] withSigner(byte[] bytes, String armouredPublicKey) throws Refused {
        JsonObject o = Json.createObjectBuilder(json(bytes)).add("signer", armouredPublicKey).build();
        java.io.StringWriter out = new java.io.StringWriter();
        try (var w = Json.createWriterFactory(Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            w.writeObject(o);
        }
        return (out.toString().strip() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(byte[] bytes) throws Refused {
        try {
            return Json.createReader(new StringReader(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString())).readObject();
        } catch (java.nio.charset.CharacterCodingException | ClassCastException
                | jakarta.json.JsonException e) {
            throw new Refused("platform.profile.refused.broken", "not UTF-8 JSON: " + e.getMessage());
        }
    }

    public static String normal(String fingerprint) {
        return fingerprint.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** A member of the wrong JSON type (a number for a text, a text for an object) refuses the profile too. */
    private static KitProfile parse(JsonObject o, OpenPgp.Verified v) throws Refused {
        try {
            return parseChecked(o, v);
        } catch (ClassCastException | NullPointerException e) {
            throw new Refused("platform.profile.refused.broken", "a member has the wrong type: " + e.getMessage());
        }
    }

    private static KitProfile parseChecked(JsonObject o, OpenPgp.Verified v) throws Refused {
        String name = required(o, "name");
        String country = required(o, "country");
        if (!country.matches("[A-Z]{2}")) {
            throw new Refused("platform.profile.refused.broken", "country must be an ISO 3166 code such as KE");
        }
        Set<String> off = Set.copyOf(strings(o, "modulesOff"));
        for (String m : off) {
            if (!MODULES.contains(m)) {
                throw new Refused("platform.profile.refused.broken", "unknown module in modulesOff: " + m);
            }
        }
        Integer threshold = null;
        if (o.containsKey("suppressionThreshold")) {
            int t = o.getJsonNumber("suppressionThreshold").intValue();
            if (t < 3 || t > 10) {
                throw new Refused("platform.profile.refused.broken", "suppressionThreshold must be 3 to 10");
            }
            threshold = t;
        }
        List<NationalIndicator> indicators = new ArrayList<>();
        for (JsonValue iv : array(o, "indicators")) {
            JsonObject i = iv.asJsonObject();
            Map<String, String> names = map(i, "names");
            if (!names.containsKey("en")) {
                throw new Refused("platform.profile.refused.broken", "indicator " + text(i, "code") + " has no English name");
            }
            indicators.add(new NationalIndicator(required(i, "code"), names, map(i, "definitions"), text(i, "unit"),
                    text(i, "direction") == null ? "none" : text(i, "direction"), text(i, "frequency"), strings(i, "disaggregations")));
        }
        List<Recipient> recipients = new ArrayList<>();
        for (JsonValue rv : array(o, "recipients")) {
            JsonObject r = rv.asJsonObject();
            String key = required(r, "publicKey");
            try {
                OpenPgp.readPublicKey(key);
            } catch (OpenPgp.PgpException e) {
                throw new Refused("platform.profile.refused.broken", "recipient " + text(r, "label") + ": " + e.getMessage());
            }
            recipients.add(new Recipient(required(r, "label"), key));
        }
        byte[] logo = logo(text(o, "logoPng"));
        String brand = text(o, "brandName");
        if (brand != null && (brand.isBlank() || brand.strip().length() > MAX_BRAND || brand.chars().anyMatch(Character::isISOControl))) {
            throw new Refused("platform.profile.refused.brand", "brandName must be 1 to 80 characters on one line", MAX_BRAND);
        }
        brand = brand == null ? null : brand.strip();
        List<String> levels = strings(o, "levels");
        return new KitProfile(name, country, strings(o, "languages"), levels, List.copyOf(indicators), off,
                List.copyOf(recipients), threshold, brand, logo, areas(array(o, "areas"), levels.size()),
                v.signerFingerprint(), v.signerUserId(), v.signedAt());
    }

    /**
     * The optional area tree: {@code [{"code","name","parent"?,"altName"?,"altNameLang"?}]}, codes unique (as
     * {@code AreaCode} normalises them), every parent in the tree, no circle, no deeper than the level names
     * ({@code levels[0]} names the cities). Returned parents first.
     */
    static List<AreaNode> areas(List<JsonValue> raw, int levels) throws Refused {
        if (raw.isEmpty()) {
            return List.of();
        }
        if (raw.size() > MAX_AREAS) {
            throw new Refused("platform.profile.refused.areasTooMany", raw.size() + " areas", MAX_AREAS);
        }
        Map<String, JsonObject> byCode = new LinkedHashMap<>();
        for (JsonValue v : raw) {
            if (!(v instanceof JsonObject a)) {
                throw new Refused("platform.profile.refused.areaCode", "an area is not an object", "?");
            }
            String code = org.safercities.platform.areas.AreaCode.normalize(text(a, "code"));
            if (code == null) {
                throw new Refused("platform.profile.refused.areaCode", "area code " + text(a, "code"), String.valueOf(text(a, "code")));
            }
            String name = text(a, "name");
            String alt = text(a, "altName");
            if (name == null || name.isBlank() || name.strip().length() > 200 || (alt != null && alt.strip().length() > 200)) {
                throw new Refused("platform.profile.refused.areaName", "area " + code + " name", code);
            }
            if (byCode.put(code, a) != null) {
                throw new Refused("platform.profile.refused.areaDuplicate", "area code " + code + " twice", code);
            }
        }
        Map<String, Integer> depth = new java.util.HashMap<>();
        for (String code : byCode.keySet()) {
            // up the parents to a top area; more steps than areas is a circle
            List<String> path = new ArrayList<>();
            String at = code;
            while (at != null && !depth.containsKey(at)) {
                JsonObject a = byCode.get(at);
                if (a == null || path.size() > byCode.size()) {
                    throw new Refused("platform.profile.refused.areaParent", "area " + code + ": parent " + at,
                            path.isEmpty() ? code : path.getLast(), at);
                }
                path.add(at);
                String parent = text(a, "parent");
                at = parent == null || parent.isBlank() ? null : org.safercities.platform.areas.AreaCode.normalize(parent);
                if (parent != null && !parent.isBlank() && at == null) {
                    throw new Refused("platform.profile.refused.areaParent", "area " + path.getLast() + ": parent " + parent,
                            path.getLast(), parent);
                }
            }
            int d = at == null ? -1 : depth.get(at);
            for (int i = path.size() - 1; i >= 0; i--) {
                depth.put(path.get(i), ++d);
            }
        }
        List<AreaNode> out = new ArrayList<>();
        for (var e : byCode.entrySet()) {
            int d = depth.get(e.getKey());
            if (d >= levels) {
                throw new Refused("platform.profile.refused.areaDepth", "area " + e.getKey() + " at depth " + d,
                        e.getKey(), d + 1, levels);
            }
            JsonObject a = e.getValue();
            String parent = text(a, "parent");
            out.add(new AreaNode(e.getKey(), parent == null || parent.isBlank() ? null
                    : org.safercities.platform.areas.AreaCode.normalize(parent), text(a, "name").strip(),
                    blankToNull(text(a, "altName")), blankToNull(text(a, "altNameLang")), d));
        }
        out.sort(java.util.Comparator.comparingInt(AreaNode::depth));
        return List.copyOf(out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The logo: a PNG (checked by its signature and header, never decoded here: the browser shows it as an image,
     * so it cannot run script as an SVG could) of at most 200 KB and 1024 × 1024 pixels.
     */
    static byte[] logo(String base64) throws Refused {
        if (base64 == null) {
            return null;
        }
        byte[] png;
        try {
            png = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Refused("platform.profile.refused.logo", "logoPng is not base64", MAX_LOGO / 1024, MAX_LOGO_PIXELS);
        }
        boolean isPng = png.length >= 24 && java.util.Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)
                && new String(png, 12, 4, StandardCharsets.US_ASCII).equals("IHDR");
        if (!isPng || png.length > MAX_LOGO) {
            throw new Refused("platform.profile.refused.logo", "logoPng must be a PNG of at most 200 KB",
                    MAX_LOGO / 1024, MAX_LOGO_PIXELS);
        }
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(png, 16, 8);
        long width = Integer.toUnsignedLong(header.getInt());
        long height = Integer.toUnsignedLong(header.getInt());
        if (width < 1 || height < 1 || width > MAX_LOGO_PIXELS || height > MAX_LOGO_PIXELS) {
            throw new Refused("platform.profile.refused.logo", "logoPng is " + width + " x " + height + " pixels",
                    MAX_LOGO / 1024, MAX_LOGO_PIXELS);
        }
        return png;
    }

    private static String required(JsonObject o, String key) throws Refused {
        String s = text(o, key);
        if (s == null || s.isBlank()) {
            throw new Refused("platform.profile.refused.broken", "missing " + key);
        }
        return s.strip();
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static List<JsonValue> array(JsonObject o, String key) {
        return o.get(key) instanceof JsonArray a ? a : List.of();
    }

    private static List<String> strings(JsonObject o, String key) {
        return array(o, key).stream().filter(JsonString.class::isInstance).map(s -> ((JsonString) s).getString()).toList();
    }

    private static Map<String, String> map(JsonObject o, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o.get(key) instanceof JsonObject m) {
            m.forEach((k, v) -> {
                if (v instanceof JsonString s) {
                    out.put(k, s.getString());
                }
            });
        }
        return Map.copyOf(out);
    }
}
