// The kit's side of bench/openpgp.sh: OpenPgp from the kit jar, timed inside its own JVM.
//   javac -cp safercities-kit.jar -d CLASSES bench/openpgp-bench.java
//   java -cp safercities-kit.jar:CLASSES OpenPgpBench data MEGABYTES FILE
//       export-like JSON (the aggregate tables of a periodic export: areas, periods, categories, counts with
//       small counts suppressed, indicator values, texts in the six languages), streamed, deterministic (seed 42)
//   ... OpenPgpBench keys DIR
//       the office key (signer) and the national forum's key, as the kit makes them: DIR/office.pub|.sec,
//       DIR/forum.pub|.sec, passphrases DIR/office.pass, DIR/forum.pass
//   ... OpenPgpBench encrypt IN OUT COMPRESSION REPEAT RECIPIENT.asc...
//       OpenPgp.encryptAndSign to every recipient, signed by the office key; COMPRESSION is "zip" (what the kit
//       ships: ZIP level 6), "zip1" (ZIP level 1) or "none" (the last two through the package-private variant)
//   ... OpenPgpBench decrypt IN OUT REPEAT
//       OpenPgp.decryptAndVerify with the forum's key, the office as the known signer
// Each call is made REPEAT times in this JVM. Prints one line "ms=<first call> warm=<last call> bytes=<output
// bytes>": the time of the call alone (files opened and closed and the keys read included, JVM start outside it,
// the passphrase's S2K inside it, as in the kit). The first call is the kit's first export after its start (the
// JIT has not compiled the hashing yet); the last, an export in a kit that has been running.
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.safercities.crypto.OpenPgp;

class OpenPgpBench {
    static final String OFFICE_PASS = "office passphrase for the benchmark";
    static final String FORUM_PASS = "forum passphrase for the benchmark";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "data" -> data(Long.parseLong(args[1]) * 1_000_000L, Path.of(args[2]));
            case "keys" -> keys(Path.of(args[1]));
            case "encrypt" -> repeat(Integer.parseInt(args[4]),
                    () -> encrypt(Path.of(args[1]), Path.of(args[2]), args[3], List.of(args).subList(5, args.length)));
            case "decrypt" -> repeat(Integer.parseInt(args[3]), () -> decrypt(Path.of(args[1]), Path.of(args[2])));
            default -> throw new IllegalArgumentException(
                    "data MB FILE | keys DIR | encrypt IN OUT COMPRESSION REPEAT KEYS... | decrypt IN OUT REPEAT");
        }
    }

    interface Call {
        String run() throws Exception;   // "bytes=… [signer=…]"
    }

    static void repeat(int times, Call call) throws Exception {
        long first = -1;
        long last = -1;
        String what = "";
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            what = call.run();
            last = (System.nanoTime() - t0) / 1_000_000;
            if (first < 0) {
                first = last;
            }
        }
        System.out.println("ms=" + first + " warm=" + last + " " + what);
    }

    static final String[] CATEGORIES = {"Hurto a personas", "Robo", "Lesiones personales", "Homicidio",
            "Violencia intrafamiliar", "Delitos sexuales", "Extorsión", "Amenazas", "Acoso en el espacio público"};
    static final String[] NOTES = {"Safer streets programme, phase 2", "Programme « Villes plus sûres », phase 2",
            "Programa Ciudades más Seguras, fase 2", "Программа «Безопасные города», этап 2", "更安全城市方案，第二阶段",
            "برنامج المدن الأكثر أمانًا، المرحلة 2"};

    static void data(long bytes, Path file) throws IOException {
        Random r = new Random(42);
        long written = 0;
        int row = 0;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\"format\":\"safercities-export/1\",\"city\":\"Medellín\",\"period\":\"2026-Q3\",\"rows\":[\n");
            StringBuilder sb = new StringBuilder(512);
            while (written < bytes) {
                sb.setLength(0);
                int n = r.nextInt(400);
                sb.append(row == 0 ? "" : ",\n").append("{\"area\":\"05001-").append(String.format(Locale.ROOT, "%04d", r.nextInt(2000)))
                        .append("\",\"period\":\"").append(2019 + r.nextInt(8)).append("-Q").append(1 + r.nextInt(4))
                        .append("\",\"category\":\"").append(CATEGORIES[r.nextInt(CATEGORIES.length)])
                        .append("\",\"sex\":\"").append(r.nextBoolean() ? "F" : "M")
                        .append("\",\"ageBand\":\"").append(r.nextInt(8) * 10).append('-').append(r.nextInt(8) * 10 + 9)
                        .append("\",\"count\":").append(n < 5 ? "null,\"suppressed\":true" : Integer.toString(n))
                        .append(",\"rate\":").append(String.format(Locale.ROOT, "%.2f", r.nextDouble() * 900))
                        .append(",\"indicator\":\"SDG 16.1.").append(1 + r.nextInt(4)).append("\",\"value\":")
                        .append(String.format(Locale.ROOT, "%.3f", r.nextGaussian() * 10 + 40))
                        .append(",\"note\":\"").append(NOTES[r.nextInt(NOTES.length)]).append("\"}");
                String s = sb.toString();
                w.write(s);
                written += s.getBytes(StandardCharsets.UTF_8).length;
                row++;
            }
            w.write("\n]}\n");
        }
        System.out.println("rows=" + row + " bytes=" + Files.size(file));
    }

    static void keys(Path dir) throws IOException {
        OpenPgp.OfficeKey office = OpenPgp.generateKey("Safer Cities office (benchmark) <office@example.org>", OFFICE_PASS.toCharArray());
        OpenPgp.OfficeKey forum = OpenPgp.generateKey("National forum (benchmark) <forum@example.org>", FORUM_PASS.toCharArray());
        Files.writeString(dir.resolve("office.pub"), office.armouredPublicKey());
        Files.writeString(dir.resolve("office.sec"), office.armouredSecretKey());
        Files.writeString(dir.resolve("office.pass"), OFFICE_PASS);
        Files.writeString(dir.resolve("forum.pub"), forum.armouredPublicKey());
        Files.writeString(dir.resolve("forum.sec"), forum.armouredSecretKey());
        Files.writeString(dir.resolve("forum.pass"), FORUM_PASS);
        System.out.println("office=" + office.fingerprint() + " forum=" + forum.fingerprint());
    }

    static String encrypt(Path in, Path out, String compression, List<String> recipientFiles) throws Exception {
        List<String> to = new ArrayList<>();
        for (String f : recipientFiles) {
            to.add(Files.readString(Path.of(f)));
        }
        Path dir = Path.of(recipientFiles.get(0)).getParent();
        String secret = Files.readString(dir.resolve("office.sec"));
        try (InputStream i = Files.newInputStream(in); OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            switch (compression) {
                case "zip" -> OpenPgp.encryptAndSign(i, in.getFileName().toString(), o, to, secret, OFFICE_PASS.toCharArray(), false);
                case "zip1" -> variant(i, in, o, to, secret, 1, 1);
                case "none" -> variant(i, in, o, to, secret, 0, 0);
                default -> throw new IllegalArgumentException("compression zip, zip1 or none");
            }
        }
        return "bytes=" + Files.size(out);
    }

    /** OpenPgp's package-private overload with another compression algorithm and level. */
    static void variant(InputStream i, Path in, OutputStream o, List<String> to, String secret, int algorithm, int level) throws Exception {
        Method m = OpenPgp.class.getDeclaredMethod("encryptAndSign", InputStream.class, String.class, OutputStream.class,
                List.class, String.class, char[].class, boolean.class, int.class, int.class);
        m.setAccessible(true);
        try {
            m.invoke(null, i, in.getFileName().toString(), o, to, secret, OFFICE_PASS.toCharArray(), false, algorithm, level);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    static String decrypt(Path in, Path out) throws Exception {
        Path dir = Path.of(System.getProperty("bench.keys", "."));
        String secret = Files.readString(dir.resolve("forum.sec"));
        List<String> known = List.of(Files.readString(dir.resolve("office.pub")));
        OpenPgp.Verified v;
        try (InputStream i = Files.newInputStream(in); OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            v = OpenPgp.decryptAndVerify(i, o, secret, FORUM_PASS.toCharArray(), known);
        }
        return "bytes=" + Files.size(out) + " signer=" + v.signerFingerprint();
    }
}
