package com.hivematrix.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivematrix.shared.testsupport.ChildJvm;
import com.hivematrix.shared.testsupport.RepoRoot;

/**
 * KnowledgeTree's graph store as {@code deploy/hivematrix up} runs it when NEO4J_URI is unset: the
 * knowledgetree-neo4j launcher (Neo4j Community) in its own JVM, data under the platform's home,
 * Bolt on a free loopback port, authentication off; its log in e2e/target/logs/neo4j.log.
 */
public final class Neo4jServer implements AutoCloseable {

    private final Process process;
    public final String uri;

    private Neo4jServer(Process process, String uri) {
        this.process = process;
        this.uri = uri;
    }

    public static Path launcherDir() {
        return RepoRoot.get().resolve("knowledgetree-neo4j/target");
    }

    public static boolean built() {
        return Files.isRegularFile(launcherDir().resolve("knowledgetree-neo4j.jar")) && Files.isDirectory(launcherDir().resolve("lib"));
    }

    public static Neo4jServer start(Path home) {
        int port = ChildJvm.freePort();
        try {
            Path logs = RepoRoot.get().resolve("e2e/target/logs");
            Files.createDirectories(logs);
            Path log = logs.resolve("neo4j.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", launcherDir().resolve("knowledgetree-neo4j.jar") + File.pathSeparator + launcherDir().resolve("lib") + "/*",
                    "com.hivematrix.knowledgetree.neo4j.LocalNeo4j", home.resolve("var/neo4j").toString(), Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("NEO4J_PASSWORD");
            Neo4jServer server = new Neo4jServer(builder.start(), "bolt://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            await("Neo4j ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!server.process.isAlive()) {
                    throw new IllegalStateException("Neo4j exited with " + server.process.exitValue() + ", see " + log);
                }
                return Files.readString(log).lines().anyMatch(l -> l.startsWith("NEO4J READY"));
            });
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Neo4j", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
