package com.hivematrix.shared.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: the nearest ancestor of the working directory holding deploy/services.json. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path get() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/services.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root (deploy/services.json) above " + Path.of("").toAbsolutePath());
    }
}
