package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** var/run/&lt;name&gt;.pid: the root pid of each supervised process, one number (as the launcher reads it). */
public final class PidFiles {

    private final Path dir;

    public PidFiles(Path dir) {
        this.dir = dir;
    }

    public Path file(String name) {
        return dir.resolve(name + ".pid");
    }

    public void write(String name, long pid) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".pid.tmp");
            Files.writeString(tmp, pid + "\n");
            Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Long> read(String name) {
        try {
            String s = Files.readString(file(name)).trim();
            return s.matches("\\d{1,10}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
