package com.hivematrix.shared.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real Codex (codex/target/codex.jar, or the system property {@code <consumer>.codex-jar}) as a
 * child process on a free loopback port, for the modules whose tests read Codex (Beacon, Ledger,
 * KnowledgeTree): against the machine's PostgreSQL, database {@code <consumer>_codex_test} (or
 * {@code HIVEMATRIX_PG_URL_<CONSUMER>_CODEX_TEST}; created and migrated by Codex itself), trusting the
 * given test issuer and Core stand-in. One per JVM; stopped at JVM exit ({@link ChildJvm}).
 */
public final class CodexProcess {

    private static final String DB_USER = System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", "");

    private static CodexProcess instance;

    private final int port;
    private final String dbUrl;

    private CodexProcess(String consumer, TestTokenIssuer issuer, CorePeer core) throws IOException {
        dbUrl = System.getenv().getOrDefault("HIVEMATRIX_PG_URL_" + consumer.toUpperCase(Locale.ROOT) + "_CODEX_TEST",
                "jdbc:postgresql://127.0.0.1:5432/" + consumer + "_codex_test");
        Path jar = Path.of(System.getProperty(consumer + ".codex-jar", "../codex/target/codex.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + consumer + " tests need " + jar + ": build it first (mvn -B -pl codex -am package -DskipTests)");
        }
        Path work = Path.of("target", "codex-child").toAbsolutePath();
        Path copy = ChildJvm.privateCopy(jar, work);
        port = ChildJvm.freePort();
        Path registry = Files.writeString(work.resolve("services.json"), """
                {
                  "core": {"url": "%s", "port": 0, "visible": false, "type": "spring-boot", "health": "/health"},
                  "codex": {"url": "http://127.0.0.1:%d", "port": %d, "visible": true, "type": "spring-boot", "health": "/health"}
                }""".formatted(core.url(), port, port));
        ChildJvm.start("Codex", copy, "384m", List.of(
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.datasource.url=" + dbUrl,
                "--hivematrix.home=" + work,
                "--hivematrix.registry-file=" + registry,
                "--hivematrix.security.jwks-uri=" + issuer.jwksUri(),
                "--hivematrix.logs.ship-to-helm=false",
                "--hivematrix.service-secret=test-secret"), Map.of(), work.resolve("codex.log"),
                ChildJvm.Readiness.health(url()), Duration.ofMinutes(4));
    }

    /** The one Codex of this test JVM, started on first use for {@code consumer} (the module's name). */
    public static synchronized CodexProcess get(String consumer, TestTokenIssuer issuer, CorePeer core) {
        if (instance == null) {
            try {
                instance = new CodexProcess(consumer, issuer, core);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A JDBC connection to this Codex's database, for seeding it directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
    }
}
