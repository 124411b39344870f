package com.hivematrix.e2e.support;

import com.hivematrix.shared.testsupport.RepoRoot;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One platform service run from its built jar as the launcher runs it: a child JVM, its log in e2e/target/logs/. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static Path jar(String module) {
        return RepoRoot.get().resolve(module + "/target/" + module + ".jar");
    }

    /** Starts {@code module}'s jar with {@code env} and waits until {@code readyUrl} answers 200. */
    public static ServiceProcess start(String name, String module, Map<String, String> env, List<String> args,
            String readyUrl, HttpClient http, Duration timeout) {
        Path jar = jar(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B -pl " + module + " -am -DskipTests package)");
        }
        try {
            Path logs = RepoRoot.get().resolve("e2e/target/logs");
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(name, builder.start(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            await(name + " ready at " + readyUrl).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!service.process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + service.process.exitValue() + ", see " + log);
                }
                return status(http, readyUrl) == 200;
            });
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path log() {
        return log;
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

    @Override
    public void close() {
        if (process.isAlive()) {
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
    }

    @Override
    public String toString() {
        return name;
    }
}
