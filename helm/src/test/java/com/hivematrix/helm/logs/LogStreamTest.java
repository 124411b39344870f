package com.hivematrix.helm.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.helm.HelmTestBase;

class LogStreamTest extends HelmTestBase {

    @Autowired
    LogStream stream;

    /** Reads the event stream on a background thread, collecting its lines. */
    private CompletableFuture<HttpResponse<Stream<String>>> open(String query, List<String> lines, String token,
            String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logs/stream?" + query))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> f = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        f.thenAccept(r -> CompletableFuture.runAsync(() -> r.body().forEach(lines::add)));
        return f;
    }

    @Test
    void ingestedEntriesArePushedToMatchingViewersOnly() throws Exception {
        String svc = uniqueService("sse");
        List<String> errorsOnly = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        int before = stream.subscriberCount();
        HttpResponse<Stream<String>> r = open("service=" + svc + "&level=ERROR", errorsOnly, ADMIN, null).get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        open("service=" + svc, everything, ADMIN, null).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() >= before + 2);

        post("/api/logs/ingest", map("service_name", svc, "logs", List.of(
                map("level", "INFO", "message", "just info"),
                map("level", "ERROR", "message", "live failure <b>x</b>"))), ISSUER.serviceToken(svc, "helm"));

        await().atMost(Duration.ofSeconds(10)).until(() -> everything.stream().anyMatch(l -> l.contains("live failure")));
        assertThat(everything).anyMatch(l -> l.startsWith("data:") && l.contains("just info"));
        await().atMost(Duration.ofSeconds(10)).until(() -> errorsOnly.stream().anyMatch(l -> l.contains("live failure")));
        assertThat(errorsOnly).noneMatch(l -> l.contains("just info"));
        assertThat(errorsOnly).contains("event:log");
        assertThat(errorsOnly).anyMatch(l -> l.startsWith("id:"));
    }

    @Test
    void reconnectWithLastEventIdReplaysWhatWasMissed() throws Exception {
        String svc = uniqueService("sse-replay");
        post("/api/logs/ingest", map("service_name", svc, "logs", List.of(map("message", "first"))), ADMIN);
        long firstId = get("/api/logs?service=" + svc, ADMIN).json().path("logs").get(0).path("id").asLong();
        post("/api/logs/ingest", map("service_name", svc, "logs", List.of(map("message", "second"), map("message", "third"))), ADMIN);

        List<String> lines = new CopyOnWriteArrayList<>();
        open("service=" + svc, lines, ADMIN, Long.toString(firstId)).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("third")));
        assertThat(lines).noneMatch(l -> l.contains("\"first\""));
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(data.get(0)).contains("second");
    }

    @Test
    void streamAndPageAreForAdminsOnly() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logs/stream"))
                .header("Authorization", "Bearer " + TECH).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(get("/logs", TECH).status()).isEqualTo(403);
    }

    @Test
    void pageUsesTheGatewayPrefixForEveryLink() {
        Response r = send("GET", "/logs?service=codex", null, ADMIN, java.util.Map.of("Accept", "text/html", "X-Forwarded-Prefix", "/helm"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("data-stream=\"/helm/logs/stream\"")
                .contains("src=\"/helm/js/logs.js\"")
                .contains("<option value=\"codex\" selected=\"selected\">codex</option>")
                .contains("class=\"btn btn--primary\"")
                .doesNotContain("<link rel=\"stylesheet\"");
        assertThat(get("/js/logs.js", null).body()).contains("EventSource");
    }
}
