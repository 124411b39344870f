package com.hivematrix.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for scenarios that stop and start the database: initdb into a temp
 * directory, pg_ctl on a given loopback port, trust auth for user postgres. The machine's PostgreSQL
 * is shared with other test runs and is never touched. As root the binaries run as the postgres
 * user (initdb refuses root).
 */
public final class LocalPostgres implements AutoCloseable {

    public final int port;
    private final Path dir;
    private final Path bin;

    public LocalPostgres(int port) {
        this.port = port;
        this.bin = binDir();
        try {
            dir = Files.createTempDirectory("hm-pg-" + port);
            asOwner(List.of("chown", "-R", "postgres:postgres", dir.toString()), true);
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust",
                    "--no-sync", "-E", "UTF8"));
        } catch (IOException e) {
            throw new IllegalStateException("initdb failed", e);
        }
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l",
                dir.resolve("postgres.log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c max_connections=200 -c fsync=on", "start"));
    }

    /** Stops with {@code mode} (fast: clients disconnected, immediate: no shutdown checkpoint, as a crash). */
    public void stop(String mode) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-m", mode, "stop"));
    }

    private void run(List<String> command) {
        asOwner(command, false);
    }

    private static void asOwner(List<String> command, boolean asIs) {
        List<String> full = new ArrayList<>();
        if (!asIs && "root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binDir() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb"))).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"))
                    .resolve("bin");
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql", e);
        }
    }

    @Override
    public void close() {
        try {
            stop("immediate");
        } catch (IllegalStateException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
