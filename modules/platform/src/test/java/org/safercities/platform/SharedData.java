package org.safercities.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real third-party files in ../shared/data (beside the repository, in every checkout and in CI). */
public final class SharedData {

    private SharedData() {
    }

    /** {@code SHARED_DATA} (as for the browser tests) when set, else shared/data beside the repository. */
    public static Path file(String relative) {
        String env = System.getenv("SHARED_DATA");
        if (env != null && !env.isBlank() && Files.exists(Path.of(env, relative))) {
            return Path.of(env, relative);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared/data").resolve(relative);
            if (Files.exists(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("shared/data/" + relative + " not found above " + cwd
                + ": the tests need the project's shared/ folder beside the repository (or SHARED_DATA=/path/to/shared/data)");
    }
}
