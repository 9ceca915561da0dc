package org.safercities.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real third-party files in ../shared/data (beside the repository, in every checkout and in CI). */
public final class SharedData {

    private SharedData() {
    }

    public static Path file(String relative) {
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
                + ": the tests need the project's shared/ folder beside the repository");
    }
}
