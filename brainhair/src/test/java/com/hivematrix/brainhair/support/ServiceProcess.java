package com.hivematrix.brainhair.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hivematrix.shared.testsupport.ChildJvm;
import com.hivematrix.shared.testsupport.Neo4jProcess;

/**
 * A real HiveMatrix service (codex/target/codex.jar, ledger/target/ledger.jar,
 * knowledgetree/target/knowledgetree.jar) as a child process on a free loopback port against the
 * machine's PostgreSQL (its own {@code brainhair_*_test} database, created and migrated by the
 * service itself) or, for KnowledgeTree, a local Neo4j ({@link Neo4jProcess}), trusting the test
 * issuer. One of each per JVM; stopped at JVM exit ({@link ChildJvm}).
 */
public final class ServiceProcess {

    private static final String DB_USER = System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", "");

    private static ServiceProcess codex;
    private static ServiceProcess ledger;
    private static ServiceProcess knowledgetree;
    /**
     * KnowledgeTree's port, fixed up front so every Brainhair context's registry can name it, while the
     * process (and its Neo4j) starts only for the tests that call it.
     */
    public static final int KNOWLEDGETREE_PORT = ChildJvm.freePort();

    private final int port;
    private final String dbUrl;

    public static synchronized ServiceProcess codex() {
        if (codex == null) {
            codex = start("codex", "brainhair_codex_test", null);
        }
        return codex;
    }

    /** Ledger reads the Codex above. */
    public static synchronized ServiceProcess ledger() {
        if (ledger == null) {
            ledger = start("ledger", "brainhair_ledger_test", codex().url());
        }
        return ledger;
    }

    /** KnowledgeTree on its own throw-away Neo4j store. */
    public static synchronized ServiceProcess knowledgetree() {
        if (knowledgetree == null) {
            Path work = Path.of("target", "knowledgetree-child").toAbsolutePath();
            knowledgetree = start("knowledgetree", null, codex().url(), KNOWLEDGETREE_PORT, List.of(
                    "--knowledgetree.neo4j.uri=" + Neo4jProcess.uri("brainhair"), "--knowledgetree.uploads.dir=" + work.resolve("uploads")));
        }
        return knowledgetree;
    }

    private static ServiceProcess start(String name, String db, String codexUrl) {
        return start(name, db, codexUrl, ChildJvm.freePort(), List.of());
    }

    private static ServiceProcess start(String name, String db, String codexUrl, int port, List<String> extraArgs) {
        try {
            return new ServiceProcess(name, db, codexUrl, port, extraArgs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceProcess(String name, String db, String codexUrl, int port, List<String> extraArgs) throws IOException {
        Path jar = Path.of(System.getProperty("brainhair." + name + "-jar", "../" + name + "/target/" + name + ".jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Brainhair tests need " + jar + ": build it first (mvn -B -pl " + name + " -am package -DskipTests)");
        }
        Path work = Path.of("target", name + "-child").toAbsolutePath();
        Path copy = ChildJvm.privateCopy(jar, work);
        this.port = port;
        dbUrl = db == null ? null : "jdbc:postgresql://127.0.0.1:5432/" + db;
        Path registry = Files.writeString(work.resolve("services.json"), """
                {
                  "core": {"url": "%s", "port": 0, "visible": false, "type": "spring-boot", "health": "/health"},
                  "codex": {"url": "%s", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"},
                  "%s": {"url": "http://127.0.0.1:%d", "port": %d, "visible": true, "type": "spring-boot", "health": "/health"}
                }""".formatted(TestPlatform.CORE.url(), codexUrl == null ? "http://127.0.0.1:" + port : codexUrl, name, port, port));
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--hivematrix.home=" + work,
                "--hivematrix.registry-file=" + registry,
                "--hivematrix.security.jwks-uri=" + TestPlatform.ISSUER.jwksUri(),
                "--hivematrix.logs.ship-to-helm=false",
                "--hivematrix.service-secret=test-secret"));
        if (dbUrl != null) {
            args.add("--spring.datasource.url=" + dbUrl);
        }
        args.addAll(extraArgs);
        ChildJvm.start(name, copy, "384m", args, Map.of(), work.resolve(name + ".log"), ChildJvm.Readiness.health(url()), Duration.ofMinutes(3));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
    }
}
