package com.hivematrix.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.web.client.RestClient;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipper against an HTTP receiver that speaks Helm's ingest contract and can be switched off,
 * as Helm is during a restart.
 */
class HelmLogShipperTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    private final AtomicBoolean helmUp = new AtomicBoolean(true);
    /** Helm refuses batches holding this text with a 422, as it does an invalid entry. */
    private static final String POISON = "poison-entry";
    private HttpServer helm;
    private HelmLogShipper shipper;
    private Logger logger;

    @TempDir
    Path spoolDir;

    @BeforeEach
    void start() throws IOException {
        helm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        helm.createContext("/api/logs/ingest", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean poisoned = new String(body, StandardCharsets.UTF_8).contains(POISON);
            int status = !helmUp.get() ? 503 : poisoned ? 422 : 200;
            if (status == 200) {
                received.add(json.readTree(body));
                authHeaders.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        helm.start();
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + helm.getAddress().getPort()).build();
        shipper = new HelmLogShipper("codex", client, () -> "service-token-for-helm",
                new LogBatchSpool(spoolDir, 1024 * 1024), 5, Duration.ofMillis(100), 1000);
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        shipper.setContext(context);
        shipper.start();
        logger = context.getLogger("com.hivematrix.codex.test");
        logger.addAppender(shipper);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(shipper);
        shipper.stop();
        helm.stop(0);
    }

    @Test
    void shipsBatchesInTheOriginalFormat() {
        MDC.put("correlation_id", "corr-1");
        MDC.put("user_id", "user-42");
        logger.warn("Company {} synced", "Acme");
        MDC.clear();

        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        JsonNode batch = received.get(0);
        assertThat(batch.path("service_name").asString()).isEqualTo("codex");
        JsonNode entry = batch.path("logs").get(0);
        assertThat(entry.path("level").asString()).isEqualTo("WARN");
        assertThat(entry.path("message").asString()).isEqualTo("Company Acme synced");
        assertThat(entry.path("timestamp").asString()).doesNotEndWith("Z").contains("T");
        assertThat(entry.path("trace_id").asString()).isEqualTo("corr-1");
        assertThat(entry.path("user_id").asString()).isEqualTo("user-42");
        assertThat(entry.path("context").path("logger").asString()).isEqualTo("com.hivematrix.codex.test");
        assertThat(authHeaders.get(0)).isEqualTo("Bearer service-token-for-helm");
    }

    @Test
    void spoolsWhileHelmIsDownAndResendsEveryLineInOrderAfter() throws IOException {
        helmUp.set(false);
        for (int i = 0; i < 23; i++) {
            logger.info("line {}", i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> spooledLines() == 23);
        assertThat(received).isEmpty();

        helmUp.set(true);
        logger.info("line 23");
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedMessages().size() == 24);
        List<String> expected = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "line " + i).toList();
        assertThat(receivedMessages()).containsExactlyElementsOf(expected);
        try (var files = Files.list(spoolDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBatchHelmRefusesIsDroppedAndDoesNotBlockTheOnesAfterIt() throws IOException {
        logger.info(POISON);
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.rejectedBatches() == 1);
        logger.info("after the poison");
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedMessages().contains("after the poison"));
        try (var files = Files.list(spoolDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void overlongMessagesAreCutToHelmsLimit() {
        logger.info("x".repeat(HelmLogShipper.MAX_MESSAGE_CHARS + 500));
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertThat(receivedMessages().get(0)).hasSize(HelmLogShipper.MAX_MESSAGE_CHARS);
    }

    @Test
    void spoolIsBoundedByDroppingTheOldestBatches() throws IOException {
        LogBatchSpool spool = new LogBatchSpool(spoolDir.resolve("small"), 2_000);
        for (int i = 0; i < 50; i++) {
            spool.add("{\"service_name\":\"codex\",\"logs\":[{\"message\":\"" + "x".repeat(100) + i + "\"}]}");
        }
        long total = 0;
        for (Path p : spool.pending()) {
            total += Files.size(p);
        }
        assertThat(total).isLessThanOrEqualTo(2_000);
        assertThat(spool.droppedBatches()).isPositive();
        assertThat(spool.read(spool.pending().get(spool.pending().size() - 1))).contains("x49");
    }

    private List<String> receivedMessages() {
        return received.stream()
                .flatMap(b -> b.path("logs").valueStream())
                .map(e -> e.path("message").asString())
                .toList();
    }

    private long spooledLines() throws IOException {
        long lines = 0;
        LogBatchSpool view = new LogBatchSpool(spoolDir, Long.MAX_VALUE);
        for (Path p : view.pending()) {
            lines += json.readTree(view.read(p)).path("logs").size();
        }
        return lines;
    }
}
