package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.profile.KitProfile;

/** {@code profile key|sign|check} over real files: a forum makes its key, signs a profile, and checks it as a city would. */
class ProfileCommandTest {

    @TempDir
    Path dir;
    Path pass;
    ByteArrayOutputStream out;
    ByteArrayOutputStream err;
    char[] typed;

    static final String PROFILE = """
            {"name": "Kenya national kit 2026", "country": "KE", "languages": ["en", "sw"],
             "levels": ["City", "Sub-county", "Ward"], "suppressionThreshold": 7,
             "areas": [{"code": "KE047", "name": "Nairobi"}, {"code": "KE047-WL", "name": "Westlands", "parent": "KE047"}],
             "brandName": "Safer Kenya"}
            """;

    @BeforeEach
    void files() throws Exception {
        pass = dir.resolve("pass.txt");
        Files.writeString(pass, "forum passphrase 2026\n");
    }

    int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new ProfileCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> typed).run(args);
    }

    /** What was printed, runs of spaces made one. */
    String out() {
        return out.toString(StandardCharsets.UTF_8).replaceAll(" +", " ");
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path key(String name, String folder) {
        assertEquals(0, run("key", name + " <forum@example.org>", "--out", dir.resolve(folder).toString(), "--passphrase-file", pass.toString()), err());
        return dir.resolve(folder);
    }

    @Test
    void aForumMakesItsKeySignsAProfileAndACitysKitAcceptsIt() throws Exception {
        Path keys = key("Kenya Safer Cities Forum", "keys");
        assertTrue(out().contains("fingerprint (publish it for the cities to compare): "));
        String fingerprint = out().substring(out().indexOf("compare): ") + 10).strip();
        assertTrue(Files.readString(keys.resolve("forum-secret.asc")).contains("PRIVATE KEY BLOCK"));
        assertEquals(1, run("key", "Again <a@b.org>", "--out", keys.toString(), "--passphrase-file", pass.toString()), "never overwrites a key");

        Path json = dir.resolve("kit-profile.json");
        Files.writeString(json, PROFILE);
        assertEquals(0, run("sign", "--key", keys.resolve("forum-secret.asc").toString(), "--public", keys.resolve("forum-public.asc").toString(),
                "--passphrase-file", pass.toString(), json.toString()), err());
        assertTrue(out().contains("Set \"signer\""), out());
        assertTrue(out().contains("signed and valid"));
        assertTrue(out().contains("Signer's fingerprint: " + fingerprint), "what the cities compare: " + out());
        assertTrue(out().contains("Area tree: 1 cities, 1 areas under them (KE047)"), out());
        assertTrue(out().contains("Header: Safer Kenya"));

        KitProfile read = KitProfile.read(json, Set.of(fingerprint.replace(" ", "")));
        assertEquals("Kenya national kit 2026", read.name(), "the kit's own reader accepts it, with the forum as trusted signer");
        assertEquals(7, read.threshold());
        assertEquals(0, run("check", "--trusted", fingerprint.replace(" ", ""), json.toString()), err());

        // signing again (the signer is in the file now) asks the passphrase when no file is given
        typed = "forum passphrase 2026".toCharArray();
        assertEquals(0, run("sign", "--key", keys.resolve("forum-secret.asc").toString(), json.toString()), err());

        Files.writeString(json, Files.readString(json).replace("\"suppressionThreshold\": 7", "\"suppressionThreshold\": 3"));
        assertEquals(1, run("check", json.toString()));
        assertTrue(err().contains("was changed after the national forum signed it"), err());
        assertEquals(1, run("check", "--trusted", "AAAA", dir.resolve("missing.json").toString()));
        assertTrue(err().contains("No such file") || err().contains("cannot be read"), err());
    }

    @Test
    void theWrongPassphraseAnotherForumsKeyOrABrokenProfileSignNothing() throws Exception {
        Path ours = key("Kenya Safer Cities Forum", "ours");
        Path theirs = key("Another Forum", "theirs");
        Path json = dir.resolve("kit-profile.json");
        Files.writeString(json, PROFILE);
        Path asc = Path.of(json + ".asc");

        assertEquals(1, run("sign", "--key", ours.resolve("forum-secret.asc").toString(), "--passphrase-file", pass.toString(), json.toString()));
        assertTrue(err().contains("cannot be read (damaged or incomplete)") && err().contains("no signer"), "a profile without signer: " + err());

        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "not the passphrase");
        assertEquals(1, run("sign", "--key", ours.resolve("forum-secret.asc").toString(), "--public", ours.resolve("forum-public.asc").toString(),
                "--passphrase-file", wrong.toString(), json.toString()));
        assertTrue(err().contains("The passphrase does not open"), err());
        assertFalse(Files.exists(asc));
        assertFalse(Files.readString(json).contains("signer"), "the file is left as it was");

        assertEquals(1, run("sign", "--key", theirs.resolve("forum-secret.asc").toString(), "--public", ours.resolve("forum-public.asc").toString(),
                "--passphrase-file", pass.toString(), json.toString()));
        assertTrue(err().contains("is not the profile's \"signer\""), err());
        assertFalse(Files.exists(asc));

        Files.writeString(json, PROFILE.replace("\"parent\": \"KE047\"", "\"parent\": \"KE999\""));
        assertEquals(1, run("sign", "--key", ours.resolve("forum-secret.asc").toString(), "--public", ours.resolve("forum-public.asc").toString(),
                "--passphrase-file", pass.toString(), json.toString()));
        assertTrue(err().contains("the area KE047-WL does not lead up to a city: its parent KE999 is not in the area tree"), err());
        assertFalse(Files.exists(asc), "a broken profile is not signed");

        typed = null;
        Files.writeString(json, PROFILE);
        assertEquals(1, run("sign", "--key", ours.resolve("forum-secret.asc").toString(), "--public", ours.resolve("forum-public.asc").toString(),
                json.toString()));
        assertTrue(err().contains("give --passphrase-file"), "no console, no passphrase file: said so");
    }

    @Test
    void mistakesOnTheCommandLineShowTheUsage() {
        assertEquals(2, run());
        assertEquals(2, run("sign", "kit-profile.json"));
        assertTrue(err().contains("needs --key"));
        assertEquals(2, run("check"));
        assertEquals(2, run("sign", "--key"));
        assertTrue(err().contains("--key needs a value"));
        assertEquals(2, run("verify", "x.json"));
        assertTrue(err().contains("Usage:"));
    }
}
