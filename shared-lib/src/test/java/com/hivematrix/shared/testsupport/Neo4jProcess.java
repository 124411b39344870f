package com.hivematrix.shared.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local Neo4j Community server KnowledgeTree needs: the knowledgetree-neo4j launcher (the one
 * deploy/hivematrix runs; directory from the system property {@code <consumer>.neo4j-launcher-dir})
 * in its own JVM on a throw-away store under target/, started once per test JVM, stopped when it
 * exits. NEO4J_TEST_URI points the tests at an existing server instead.
 */
public final class Neo4jProcess {

    private static String uri;

    private Neo4jProcess() {
    }

    /** The bolt URI of this JVM's Neo4j, started on first use for {@code consumer} (the module's name). */
    public static synchronized String uri(String consumer) {
        if (uri == null) {
            String external = System.getenv("NEO4J_TEST_URI");
            uri = external != null && !external.isBlank() ? external : start(consumer);
        }
        return uri;
    }

    private static String start(String consumer) {
        Path launcher = Path.of(System.getProperty(consumer + ".neo4j-launcher-dir", "../knowledgetree-neo4j/target")).toAbsolutePath().normalize();
        Path jar = launcher.resolve("knowledgetree-neo4j.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(launcher.resolve("lib"))) {
            throw new IllegalStateException("The " + consumer + " tests need the Neo4j launcher: mvn -B -pl knowledgetree-neo4j package "
                    + "(missing " + jar + ")");
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "neo4j-test-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", jar + File.pathSeparator + launcher.resolve("lib") + "/*",
                    "com.hivematrix.knowledgetree.neo4j.LocalNeo4j", home.toString(), Integer.toString(port)))
                    .redirectErrorStream(true);
            pb.environment().remove("NEO4J_PASSWORD");
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            AtomicBoolean ready = new AtomicBoolean();
            CountDownLatch settled = new CountDownLatch(1);
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (output) {
                            if (output.length() < 20_000) {
                                output.append(line).append('\n');
                            }
                        }
                        if (line.startsWith("NEO4J READY")) {
                            ready.set(true);
                            settled.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended; the wait below reports it
                } finally {
                    settled.countDown();
                }
            }, "neo4j-test-output");
            reader.setDaemon(true);
            reader.start();
            // counted down by READY, or by the output ending because the process died
            if (!settled.await(3, TimeUnit.MINUTES) || !ready.get()) {
                process.destroy();
                synchronized (output) {
                    throw new IllegalStateException("Neo4j did not start:\n" + output);
                }
            }
            return "bolt://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
