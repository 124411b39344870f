package com.hivematrix.shared.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A platform service's jar run by a test as a child JVM — how every module's tests reach the real
 * services they talk to: C1 only with a small heap (start-up, not peak speed, is what a test waits
 * for), output to a log file, waited for until it is ready (failing at once, naming the log, if it
 * exits first), and stopped when the test JVM exits.
 */
public final class ChildJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** When the child counts as ready: {@code ok} holds for the answer to a GET of {@code uri} through {@code http}. */
    public record Readiness(HttpClient http, URI uri, Predicate<HttpResponse<String>> ok) {

        /** {@code url} answers 200 (through {@code http}: an HTTPS endpoint may need a client that trusts a test certificate). */
        public static Readiness ok200(HttpClient http, String url) {
            return new Readiness(http, URI.create(url), r -> r.statusCode() == 200);
        }

        /** The service's own {@code /health} document has come up (its body names the service). */
        public static Readiness health(String baseUrl) {
            return new Readiness(HTTP, URI.create(baseUrl + "/health"), r -> r.body().contains("\"service\""));
        }

        boolean reached() {
            try {
                return ok.test(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Runs {@code java -Xmx<maxHeap> -XX:TieredStopAtLevel=1 -jar <jar> <args>} with {@code env}
     * added to this JVM's environment and waits up to {@code timeout} for {@code ready}.
     */
    public static ChildJvm start(String name, Path jar, String maxHeap, List<String> args, Map<String, String> env, Path log,
            Readiness ready, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " needs " + jar + ": build it first (mvn -B -am -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        ChildJvm child;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            child = new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(child::close));
        await(name + " ready at " + ready.uri()).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!child.process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + child.process.exitValue() + "; see " + log);
            }
            return ready.reached();
        });
        return child;
    }

    /** A private copy of {@code jar} in {@code dir}: a colleague rebuilding the jar must not pull it from under the running child. */
    public static Path privateCopy(Path jar, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port free at this moment. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash (no shutdown hooks run in the child). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
