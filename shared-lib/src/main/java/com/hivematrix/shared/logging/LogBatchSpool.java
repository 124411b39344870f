package com.hivematrix.shared.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Log batches that could not reach Helm, one file each, oldest first. Bounded: past the limit the
 * oldest batches are dropped and counted, so a long Helm outage cannot fill the disk.
 */
public class LogBatchSpool {

    private final Path dir;
    private final long maxBytes;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong droppedBatches = new AtomicLong();

    public LogBatchSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    public synchronized void add(String batchJson) {
        try {
            Files.createDirectories(dir);
            String name = String.format("%013d-%06d.json", System.currentTimeMillis(), sequence.incrementAndGet() % 1_000_000);
            Files.writeString(dir.resolve(name), batchJson);
            enforceLimit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spooled batches, oldest first. */
    public synchronized List<Path> pending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(Path batch) throws IOException {
        return Files.readString(batch);
    }

    public synchronized void remove(Path batch) throws IOException {
        Files.deleteIfExists(batch);
    }

    public long droppedBatches() {
        return droppedBatches.get();
    }

    private void enforceLimit() throws IOException {
        List<Path> files = pending();
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        for (int i = 0; total > maxBytes && i < files.size() - 1; i++) {
            total -= Files.size(files.get(i));
            Files.deleteIfExists(files.get(i));
            droppedBatches.incrementAndGet();
        }
    }
}
