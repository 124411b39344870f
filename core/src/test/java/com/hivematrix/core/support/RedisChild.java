package com.hivematrix.core.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** A throw-away redis-server child process on its own port, which a test can stop and start again. */
public final class RedisChild {

    private final int port;
    private final Path dir;
    private Process process;

    public RedisChild(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server (is it installed?)", e);
        }
        Awaitility.await("redis-server on " + port).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(this::accepting);
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Awaitility.await("redis-server on " + port + " gone").atMost(Duration.ofSeconds(10)).until(() -> !accepting());
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
