package org.safercities.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the outside OpenPGP programs (gpg, sq, rnp) for the interop tests. A missing program fails the test. */
final class Tools {

    private static final long TIMEOUT_S = 120;

    private Tools() {
    }

    record Result(int exit, byte[] out, String err, String status) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stderr\n" + err + "\n--- status\n" + status;
        }
    }

    /** The program's path; fails (never skips) with the Debian package to install when it is missing. */
    static String need(String program, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        fail("`" + program + "` is not installed, and this test needs it: apt-get install -y " + debianPackage
                + " (.ci/run installs it on a fresh machine)");
        return null;
    }

    /**
     * Runs {@code cmd} in {@code dir} with {@code env} added (LC_ALL=C always), stdin from {@code stdin} (or none),
     * and returns exit code, stdout, stderr and, when {@code --status-file status} is among the arguments, gpg's
     * status lines.
     */
    /**
     * A tool's messages as text, any byte that is not UTF-8 replaced: gpg echoes parts of a damaged file (a file
     * name with a flipped byte), which {@code Files.readString} refuses with MalformedInputException.
     */
    static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Result run(Path dir, Map<String, String> env, byte[] stdin, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".bin");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Path in = Files.createTempFile(dir, "in", ".bin");
        Files.write(in, stdin == null ? new byte[0] : stdin);
        List<String> args = new ArrayList<>(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", args) + " did not finish within " + TIMEOUT_S + " s");
        }
        String status = "";
        int i = args.indexOf("--status-file");
        if (i >= 0) {
            Path s = dir.resolve(args.get(i + 1));
            status = Files.exists(s) ? lenient(Files.readAllBytes(s)) : "";
            Files.deleteIfExists(s);
        }
        Result r = new Result(p.exitValue(), Files.readAllBytes(out), lenient(Files.readAllBytes(err)), status);
        Files.delete(out);
        Files.delete(err);
        Files.delete(in);
        return r;
    }
}
