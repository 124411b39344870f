package com.hivematrix.e2e.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A private redis-server for scenarios that restart it, with append-only persistence (fsync on
 * every write) in a temp directory, on a given loopback port. The machine's Redis is never touched.
 */
public final class LocalRedis implements AutoCloseable {

    public final int port;
    private final Path dir;
    private Process process;

    public LocalRedis(int port) {
        this.port = port;
        try {
            dir = Files.createTempDirectory("hm-redis-" + port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    public void start() {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        await("redis on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::answers);
    }

    /** SIGKILL, as a crash: only what the append-only file holds survives. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            return s.getInputStream().read(buf) > 0 && new String(buf).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
