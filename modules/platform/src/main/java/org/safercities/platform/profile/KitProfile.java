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
        String brandName, byte[] logoPng, String signerFingerprint, String signerUserId, Instant signedAt)
        implements NationalProfile {

    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final int MAX_LOGO = 200 * 1024;
    static final Set<String> MODULES = Set.of("diagnosis", "partnerships", "strategy", "monitoring", "exchange");

    /** Why a profile is refused: {@code key} is a message key ({@code platform.profile.refused.*}), detail is English. */
    public static final class Refused extends Exception {
        private final String key;

        Refused(String key, String detail) {
            super(detail);
            this.key = key;
        }

        public String key() {
            return key;
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
        JsonObject o;
        try {
            o = Json.createReader(new StringReader(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString())).readObject();
        } catch (java.nio.charset.CharacterCodingException | ClassCastException
                | jakarta.json.JsonException e) {
            throw new Refused("platform.profile.refused.broken", "not UTF-8 JSON: " + e.getMessage());
        }
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

    static String normal(String fingerprint) {
        return fingerprint.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static KitProfile parse(JsonObject o, OpenPgp.Verified v) throws Refused {
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
        byte[] logo = null;
        if (text(o, "logoPng") != null) {
            try {
                logo = Base64.getMimeDecoder().decode(text(o, "logoPng"));
            } catch (IllegalArgumentException e) {
                throw new Refused("platform.profile.refused.broken", "logoPng is not base64");
            }
            if (logo.length > MAX_LOGO || logo.length < 8 || logo[0] != (byte) 0x89 || logo[1] != 'P' || logo[2] != 'N' || logo[3] != 'G') {
                throw new Refused("platform.profile.refused.broken", "logoPng must be a PNG of at most 200 KB");
            }
        }
        return new KitProfile(name, country, strings(o, "languages"), strings(o, "levels"), List.copyOf(indicators), off,
                List.copyOf(recipients), threshold, text(o, "brandName"), logo, v.signerFingerprint(), v.signerUserId(),
                v.signedAt());
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
