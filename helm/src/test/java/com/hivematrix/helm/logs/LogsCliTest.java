package com.hivematrix.helm.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hivematrix.helm.HelmTestBase;
import com.hivematrix.shared.testsupport.RepoRoot;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code deploy/hivematrix logs} against this running Helm. Core's /service-token is stood in for
 * by a loopback endpoint that, like Core, hands out helm's token only for HTTP Basic helm:<secret>.
 */
class LogsCliTest extends HelmTestBase {

    static final String SECRET = "cli-test-secret";

    @TempDir
    Path tmp;

    HttpServer core;
    int tokenRequests;

    @BeforeEach
    void core() throws Exception {
        core = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(("helm:" + SECRET).getBytes(StandardCharsets.UTF_8));
        core.createContext("/service-token", ex -> {
            tokenRequests++;
            boolean ok = expected.equals(ex.getRequestHeaders().getFirst("Authorization"))
                    && new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"target_service\":\"helm\"");
            byte[] body = (ok ? "{\"token\":\"" + SELF + "\"}" : "{\"error\":\"no\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        core.start();
        Files.writeString(tmp.resolve("helm.secret"), SECRET + "\n");
    }

    @AfterEach
    void stop() {
        core.stop(0);
    }

    private List<String> run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(RepoRoot.get().resolve("deploy/hivematrix").toString(), "logs"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("HIVEMATRIX_HELM_URL", "http://127.0.0.1:" + port);
        pb.environment().put("HIVEMATRIX_CORE_URL", "http://127.0.0.1:" + core.getAddress().getPort());
        pb.environment().put("HIVEMATRIX_HELM_SECRET_FILE", tmp.resolve("helm.secret").toString());
        pb.environment().put("HIVEMATRIX_COLOR", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out.lines().toList();
    }

    @Test
    void followsOneRequestAcrossServicesByCorrelationIdColouredByLevel() throws Exception {
        String a = uniqueService("cli-a");
        String b = uniqueService("cli-b");
        String corr = "corr-" + a;
        Instant t = Instant.now().minus(1, ChronoUnit.MINUTES);
        post("/api/logs/ingest", map("service_name", a, "logs", List.of(
                map("level", "INFO", "message", "gateway received", "trace_id", corr, "timestamp", t.toString()),
                map("level", "INFO", "message", "unrelated", "trace_id", "other"))), ADMIN);
        post("/api/logs/ingest", map("service_name", b, "logs", List.of(
                map("level", "ERROR", "message", "codex failed", "trace_id", corr, "timestamp", t.plusSeconds(1).toString(),
                        "context", map("username", "alice", "exception", "java.lang.IllegalStateException: boom")))), ADMIN);

        List<String> out = run(Map.of(), "--correlation-id", corr, "--tail", "10");
        String text = String.join("\n", out);
        assertThat(text).doesNotContain("unrelated");
        int first = text.indexOf("gateway received");
        int second = text.indexOf("codex failed");
        assertThat(first).isNotNegative();
        assertThat(second).isGreaterThan(first); // oldest first
        assertThat(text).contains("\u001b[31mERROR").contains("\u001b[31mcodex failed").contains("user=alice")
                .contains("IllegalStateException: boom");

        List<String> onlyB = run(Map.of(), b, "--level", "error,critical");
        assertThat(String.join("\n", onlyB)).contains("codex failed").doesNotContain("gateway received");
        assertThat(tokenRequests).isGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutHelmItReadsTheJsonLogFiles() throws Exception {
        Path logs = Files.createDirectory(tmp.resolve("log"));
        String now = Instant.now().toString();
        String old = Instant.now().minus(2, ChronoUnit.HOURS).toString();
        Files.writeString(logs.resolve("codex.json.log"), String.join("\n",
                "{\"timestamp\":\"" + old + "\",\"message\":\"old line\",\"level\":\"INFO\",\"service\":\"codex\"}",
                "{\"timestamp\":\"" + now + "\",\"message\":\"fresh warning\",\"level\":\"WARN\",\"service\":\"codex\",\"correlation_id\":\"c-1\",\"username\":\"bob\"}",
                "not json at all",
                "{\"timestamp\":\"" + now + "\",\"message\":\"fresh info\",\"level\":\"INFO\",\"service\":\"codex\"}") + "\n");
        Files.writeString(logs.resolve("ledger.json.log"),
                "{\"timestamp\":\"" + now + "\",\"message\":\"ledger warning\",\"level\":\"WARN\",\"service\":\"ledger\",\"correlation_id\":\"c-1\"}\n");
        Map<String, String> noHelm = Map.of("HIVEMATRIX_CORE_URL", "http://127.0.0.1:1", "HIVEMATRIX_LOG_DIR", logs.toString());

        String all = String.join("\n", run(noHelm, "--since", "30m"));
        assertThat(all).contains("fresh warning").contains("fresh info").contains("ledger warning").doesNotContain("old line");
        String warnings = String.join("\n", run(noHelm, "--level", "WARNING", "--correlation-id", "c-1"));
        assertThat(warnings).contains("\u001b[33mWARNING").contains("fresh warning").contains("ledger warning").doesNotContain("fresh info");
        String codexOnly = String.join("\n", run(noHelm, "codex", "--user", "bob"));
        assertThat(codexOnly).contains("fresh warning").doesNotContain("ledger");
    }
}
