package org.safercities.platform.profile;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safercities.crypto.OpenPgp;
import org.safercities.platform.TestKit;

/** Signed profiles over real OpenPGP: accepted, then refused unsigned, tampered and from another signer; offered at set-up. */
class KitProfileTest {

    @TempDir
    Path dir;

    static final char[] PASS = "forum passphrase 2026".toCharArray();

    Path write(OpenPgp.OfficeKey key, String extra) throws Exception {
        String json = "{\"name\":\"Kenya national kit 2026\",\"country\":\"KE\",\"languages\":[\"en\",\"fr\"],"
                + "\"levels\":[\"City\",\"Sub-county\",\"Ward\"],\"modulesOff\":[\"strategy\"],\"suppressionThreshold\":7,"
                + "\"indicators\":[{\"code\":\"KE-1\",\"names\":{\"en\":\"Homicides per 100,000\"},\"unit\":\"rate\",\"direction\":\"down\"}],"
                + "\"signer\":" + jakarta.json.Json.createValue(key.armouredPublicKey()) + extra + "}";
        Path p = dir.resolve("kit-profile.json");
        Files.writeString(p, json);
        Files.writeString(Path.of(p + ".asc"), OpenPgp.signDetached(Files.newInputStream(p), key.armouredSecretKey(), PASS));
        return p;
    }

    @Test
    void aSignedProfileIsReadAndEveryChangeOrMissingSignatureIsRefused() throws Exception {
        OpenPgp.OfficeKey forum = OpenPgp.generateKey("Kenya Safer Cities Forum <forum@example.org>", PASS);
        Path p = write(forum, "");
        KitProfile k = KitProfile.read(p, Set.of());
        assertEquals("Kenya national kit 2026", k.name());
        assertEquals(forum.fingerprint(), k.signerFingerprint());
        assertEquals(Set.of("strategy"), k.modulesOff());
        assertEquals(7, k.threshold());
        assertEquals("KE-1", k.indicators().getFirst().code());
        assertEquals(forum.fingerprint(), KitProfile.read(p, Set.of(forum.fingerprint().toLowerCase())).signerFingerprint(), "a trusted signer passes");

        assertEquals("platform.profile.refused.wrongSigner",
                assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, Set.of("AAAA"))).key());
        Files.writeString(p, Files.readString(p).replace("\"suppressionThreshold\":7", "\"suppressionThreshold\":3"));
        assertEquals("platform.profile.refused.tampered", assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, Set.of())).key());
        Files.delete(Path.of(p + ".asc"));
        assertEquals("platform.profile.refused.unsigned", assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, Set.of())).key());
        Files.writeString(p, "{not json");
        Files.writeString(Path.of(p + ".asc"), "x");
        assertEquals("platform.profile.refused.broken", assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, Set.of())).key());
    }

    @Test
    void theSetUpPageOffersAValidProfileWithItsFingerprintAndRefusesATamperedOneInWords() throws Exception {
        OpenPgp.OfficeKey forum = OpenPgp.generateKey("Kenya Safer Cities Forum <forum@example.org>", PASS);
        Path p = write(forum, "");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("offered"), Map.of("profile.offered", p.toString()))) {
            String page = kit.browser().get("/setup").body();
            assertTrue(page.contains("Kenya national kit 2026"), "the profile is offered");
            assertTrue(page.contains(OpenPgp.grouped(forum.fingerprint())), "with the signer's fingerprint to compare");
        }
        Files.writeString(p, Files.readString(p).replace("Kenya", "Kenia"));
        try (TestKit kit = TestKit.start(Files.createTempDirectory("tampered"), Map.of("profile.offered", p.toString()))) {
            String page = kit.browser().get("/setup").body();
            assertTrue(page.contains("was changed after the national forum signed it"), "refused in words");
            assertFalse(page.contains("Kenia national kit"), "nothing of it is shown or applied");
        }
    }
}
