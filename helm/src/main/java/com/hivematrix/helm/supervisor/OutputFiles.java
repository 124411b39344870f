package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * var/log/&lt;name&gt;.log: a process's stdout and stderr. The process writes to the file itself
 * (opened in append mode), so its output survives Helm being restarted and an adopted process
 * keeps logging. Rotation is therefore copy-then-truncate: the live file is copied to .1 (older
 * copies shift up to {@code keep}) and cut to zero; thanks to O_APPEND the writer continues at the
 * new end. A file can overshoot the cap by what is written between two rotation checks.
 */
public final class OutputFiles {

    private final Path dir;
    private final long maxBytes;
    private final int keep;

    public OutputFiles(Path dir, long maxBytes, int keep) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public Path file(String name) {
        return dir.resolve(name + ".log");
    }

    /** Marks a new start in the file and returns it for the process's redirect. */
    public Path prepare(String name) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(name), "\n==== " + Instant.now() + " " + name + " started by Helm\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return file(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true when the file was rotated */
    public boolean rotateIfNeeded(String name) {
        Path live = file(name);
        try {
            if (!Files.exists(live) || Files.size(live) < maxBytes) {
                return false;
            }
            for (int i = keep - 1; i >= 1; i--) {
                Path older = rotated(name, i);
                if (Files.exists(older)) {
                    Files.move(older, rotated(name, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(live, rotated(name, 1), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(live, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path rotated(String name, int index) {
        return dir.resolve(name + ".log." + index);
    }

    /** The last {@code lines} lines of the live file (at most the last 64 KiB are read). */
    public List<String> tail(String name, int lines) {
        Path live = file(name);
        if (!Files.exists(live)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(live.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - 64 * 1024);
            byte[] buf = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            List<String> out = new ArrayList<>();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                out.add(all[i]);
            }
            return out;
        } catch (IOException e) {
            return List.of("(output not readable: " + e.getMessage() + ")");
        }
    }
}
