package org.safercities.kit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.profile.KitProfile;
import org.safercities.platform.profile.ProfileRoutes;

/**
 * {@code profile key|sign|check}: what a national forum needs to make a signed kit profile without gpg.
 *
 * <pre>
 * java -jar safercities-kit.jar profile key "Kenya Safer Cities Forum &lt;forum@example.org&gt;" [--out DIR] [--passphrase-file F]
 * java -jar safercities-kit.jar profile sign --key forum-secret.asc [--public forum-public.asc] [--passphrase-file F] kit-profile.json
 * java -jar safercities-kit.jar profile check [--trusted FINGERPRINT[,...]] kit-profile.json
 * </pre>
 *
 * Exit codes: 0 done, 1 refused (the reason in words), 2 wrong command line.
 */
final class ProfileCommand {

    static final String USAGE = """
            Usage:
              java -jar safercities-kit.jar profile key "Forum name <e-mail>" [--out DIR] [--passphrase-file FILE]
                  makes the forum's OpenPGP key: DIR/forum-secret.asc (keep it safe) and DIR/forum-public.asc
              java -jar safercities-kit.jar profile sign --key forum-secret.asc [--public forum-public.asc]
                                                         [--passphrase-file FILE] kit-profile.json
                  checks the profile, sets its "signer" from --public if it has none, writes kit-profile.json.asc
              java -jar safercities-kit.jar profile check [--trusted FINGERPRINT,...] kit-profile.json
                  checks the profile and its signature as a city's kit does, and prints what the city will see
            Without --passphrase-file the passphrase is asked for (it is not shown).""";

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<char[]> askPassphrase;
    private final Properties english = english();

    /** @param askPassphrase asks the passphrase on the console (null when there is none) */
    ProfileCommand(PrintStream out, PrintStream err, Supplier<char[]> askPassphrase) {
        this.out = out;
        this.err = err;
        this.askPassphrase = askPassphrase;
    }

    /** The command as Main runs it: the passphrase asked on the console when there is one. */
    static int main(String[] args) {
        java.io.Console console = System.console();
        return new ProfileCommand(System.out, System.err,
                () -> console == null ? null : console.readPassword("Passphrase of the forum's key: ")).run(args);
    }

    int run(String[] args) {
        List<String> files = new ArrayList<>();
        String key = null;
        String pub = null;
        String passFile = null;
        String trusted = null;
        String outDir = ".";
        if (args.length == 0) {
            return usage("profile needs one of: key, sign, check");
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            boolean valued = a.equals("--key") || a.equals("--public") || a.equals("--passphrase-file") || a.equals("--trusted")
                    || a.equals("--out");
            if (valued && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                return usage(a + " needs a value");
            }
            switch (a) {
                case "--key" -> key = args[++i];
                case "--public" -> pub = args[++i];
                case "--passphrase-file" -> passFile = args[++i];
                case "--trusted" -> trusted = args[++i];
                case "--out" -> outDir = args[++i];
                default -> {
                    if (a.startsWith("--")) {
                        return usage("Unknown option: " + a);
                    }
                    files.add(a);
                }
            }
        }
        if (files.size() != 1) {
            return usage("profile " + args[0] + " needs " + (args[0].equals("key") ? "the key's name" : "one kit-profile.json"));
        }
        try {
            return switch (args[0]) {
                case "key" -> key(files.getFirst(), Path.of(outDir), passFile);
                case "sign" -> key == null ? usage("profile sign needs --key forum-secret.asc")
                        : sign(Path.of(files.getFirst()), Path.of(key), pub == null ? null : Path.of(pub), passFile);
                case "check" -> check(Path.of(files.getFirst()), trusted);
                default -> usage("Unknown profile command: " + args[0]);
            };
        } catch (NoSuchFileException e) {
            err.println("No such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("Cannot read or write: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }

    private int key(String userId, Path dir, String passFile) throws IOException {
        if (!userId.contains("@") || userId.isBlank()) {
            return usage("The key's name should read like \"Kenya Safer Cities Forum <forum@example.org>\"");
        }
        Path secret = dir.resolve("forum-secret.asc");
        Path pub = dir.resolve("forum-public.asc");
        if (Files.exists(secret) || Files.exists(pub)) {
            err.println(secret + " or " + pub + " already exists: the kit does not overwrite a key. Choose another --out folder.");
            return 1;
        }
        char[] pass = passphrase(passFile);
        if (pass == null) {
            return 1;
        }
        if (pass.length < 12) {
            err.println("The passphrase needs at least 12 characters: it protects the key that every city's kit trusts.");
            return 1;
        }
        OpenPgp.OfficeKey k = OpenPgp.generateKey(userId.strip(), pass);
        Files.createDirectories(dir);
        Files.writeString(secret, k.armouredSecretKey(), StandardCharsets.US_ASCII);
        Files.writeString(pub, k.armouredPublicKey(), StandardCharsets.US_ASCII);
        out.println("Made the forum's key " + userId.strip());
        out.println("  secret (passphrase-protected; keep it off the sticks, with a copy in a safe place): " + secret);
        out.println("  public: " + pub);
        out.println("  fingerprint (publish it for the cities to compare): " + OpenPgp.grouped(k.fingerprint()));
        return 0;
    }

    private int sign(Path json, Path keyFile, Path publicFile, String passFile) throws IOException {
        byte[] bytes = Files.readAllBytes(json);
        String secret = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (publicFile != null) {
            String pub = Files.readString(publicFile, StandardCharsets.US_ASCII);
            KitProfile content;
            try {
                bytes = KitProfile.withSigner(bytes, pub);
                content = KitProfile.content(bytes);
            } catch (KitProfile.Refused e) {
                return refused(json, e);
            }
            out.println("Set \"signer\" in " + json + " to the key in " + publicFile + " (" + content.signerUserId() + ").");
        }
        KitProfile content;
        try {
            content = KitProfile.content(bytes);
        } catch (KitProfile.Refused e) {
            return refused(json, e);
        }
        char[] pass = passphrase(passFile);
        if (pass == null) {
            return 1;
        }
        OpenPgp.KeyInfo signer;
        String signature;
        try {
            signer = OpenPgp.readSecretKey(secret, pass);
            if (!KitProfile.normal(signer.fingerprint()).equals(KitProfile.normal(content.signerFingerprint()))) {
                err.println("The key in " + keyFile + " (" + OpenPgp.grouped(signer.fingerprint()) + ") is not the profile's \"signer\" ("
                        + OpenPgp.grouped(content.signerFingerprint()) + "): cities would refuse the profile. Sign with the "
                        + "signer's secret key, or give --public with this key's public part to replace \"signer\".");
                return 1;
            }
            signature = OpenPgp.signDetached(new ByteArrayInputStream(bytes), secret, pass);
        } catch (OpenPgp.PgpException e) {
            err.println(switch (e.reason()) {
                case WRONG_PASSPHRASE -> "The passphrase does not open " + keyFile + ".";
                default -> keyFile + " is not an OpenPGP secret key the kit can use (" + e.getMessage() + ").";
            });
            return 1;
        } finally {
            java.util.Arrays.fill(pass, '\0');
        }
        if (publicFile != null) {
            write(json, bytes);
        }
        Path asc = Path.of(json + ".asc");
        write(asc, signature.getBytes(StandardCharsets.US_ASCII));
        out.println("Signed: " + asc);
        // read back exactly as a city's kit will
        return check(json, null);
    }

    private int check(Path json, String trusted) throws IOException {
        Set<String> trust = new HashSet<>();
        if (trusted != null) {
            for (String f : trusted.split(",")) {
                if (!f.isBlank()) {
                    trust.add(KitProfile.normal(f));
                }
            }
        }
        KitProfile p;
        try {
            p = KitProfile.read(json, trust);
        } catch (KitProfile.Refused e) {
            return refused(json, e);
        }
        out.println(json + ": signed and valid. A city's set-up page will show:");
        line("Profile", p.name());
        line("Country", p.country() + " (" + Locale.of("", p.country()).getDisplayCountry(Locale.ENGLISH) + ")");
        line("Signed by", p.signerUserId());
        line("Signer's fingerprint", OpenPgp.grouped(p.signerFingerprint()) + "  <- the cities compare this with yours");
        line("Signed on", p.signedAt() == null ? "" : p.signedAt().toString());
        line("Languages", String.join(", ", p.languages()));
        line("Area levels", String.join(" > ", p.levels()));
        if (!p.areas().isEmpty()) {
            line("Area tree", p.cities().size() + " cities, " + (p.areas().size() - p.cities().size()) + " areas under them ("
                    + String.join(", ", p.cities().stream().limit(10).map(KitProfile.AreaNode::code).toList())
                    + (p.cities().size() > 10 ? ", ..." : "") + ")");
        }
        line("National indicators", Integer.toString(p.indicators().size()));
        if (!p.modulesOff().isEmpty()) {
            line("Modules switched off", String.join(", ", p.modulesOff().stream().sorted().toList()));
        }
        if (p.threshold() != null) {
            line("Disclosure threshold", p.threshold().toString());
        }
        line("Exports go to", p.recipients().isEmpty() ? "(no recipient)"
                : String.join("; ", p.recipients().stream().map(KitProfile.Recipient::label).toList()));
        if (p.brandName() != null || p.logoPng() != null) {
            line("Header", (p.brandName() == null ? "" : p.brandName())
                    + (p.logoPng() == null ? "" : (p.brandName() == null ? "" : ", ") + "logo PNG of " + p.logoPng().length / 1024 + " KB"));
        }
        return 0;
    }

    private void line(String label, String value) {
        out.printf("  %-22s %s%n", label + ":", value);
    }

    /** A refusal as the city's set-up page words it (in English), then the detail. */
    private int refused(Path json, KitProfile.Refused e) {
        String pattern = english.getProperty(e.key(), e.key());
        String text = e.args().length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ENGLISH).format(e.args());
        err.println(json + ": refused. A city's set-up page would say:");
        err.println("  " + text.replace("found beside the kit ", ""));
        err.println("  (detail: " + e.getMessage() + ")");
        return 1;
    }

    private char[] passphrase(String passFile) throws IOException {
        if (passFile != null) {
            String s = Files.readString(Path.of(passFile), StandardCharsets.UTF_8);
            int end = s.indexOf('\n');
            s = end < 0 ? s : s.substring(0, end);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1).toCharArray() : s.toCharArray();
        }
        char[] asked = askPassphrase.get();
        if (asked == null) {
            err.println("No console to ask the passphrase: give --passphrase-file FILE (its first line is the passphrase).");
        }
        return asked;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties english() {
        Properties p = new Properties();
        try (InputStream in = ProfileCommand.class.getResourceAsStream("/locales/platform_en.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the keys themselves are printed then
        }
        return p;
    }
}
