package com.hivematrix.shared.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.sun.net.httpserver.HttpServer;

/**
 * ServiceClient against real HTTP peers on loopback: one playing Core's /service-token contract,
 * one playing a target service that can be slow, failing or absent.
 */
class ServiceClientTest {

    private HttpServer core;
    private HttpServer target;
    private final AtomicInteger mints = new AtomicInteger();
    private final AtomicInteger targetCalls = new AtomicInteger();
    private final List<String> seenHeaders = new CopyOnWriteArrayList<>();
    private volatile int targetStatus = 200;
    private volatile long targetDelayMs;
    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private ServiceClient client;

    @BeforeEach
    void start() throws IOException {
        core = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        core.createContext("/service-token", exchange -> {
            mints.incrementAndGet();
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString("ledger:s3cret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(basic)) {
                respond(exchange, 401, "{}");
                return;
            }
            long exp = Instant.now().plusSeconds(300).getEpochSecond();
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"exp\":" + exp + "}").getBytes());
            respond(exchange, 200, "{\"token\":\"h." + payload + ".s\"}");
        });
        core.start();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/api/companies", exchange -> {
            targetCalls.incrementAndGet();
            seenHeaders.add(exchange.getRequestHeaders().getFirst("Authorization") + "|" + exchange.getRequestHeaders().getFirst("X-Correlation-ID"));
            try {
                // a slow server: hold the answer back for targetDelayMs (nothing ever releases it sooner)
                neverReleased.await(targetDelayMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, targetStatus, "{\"companies\":[]}");
        });
        target.start();

        ServiceRegistry registry = ServiceRegistry.parse("""
                {"core":{"url":"http://127.0.0.1:%d"},"codex":{"url":"http://127.0.0.1:%d"},"beacon":{"url":"http://127.0.0.1:1"}}
                """.formatted(core.getAddress().getPort(), target.getAddress().getPort()));
        HivematrixProperties props = new HivematrixProperties();
        props.setServiceName("ledger");
        props.setServiceSecret("s3cret");
        props.getClient().setReadTimeout(Duration.ofMillis(500));
        HivematrixClientConfiguration config = new HivematrixClientConfiguration();
        RestClient.Builder builder = config.hivematrixRestClientBuilder(props);
        ServiceTokenProvider tokens = config.serviceTokenProvider(config.coreRestClient(builder, registry), props);
        client = config.serviceClient(registry, builder, tokens, config.circuitBreakerRegistry(), config.retryRegistry(props));
    }

    @AfterEach
    void stop() {
        core.stop(0);
        target.stop(0);
        MDC.clear();
    }

    @Test
    void sendsServiceTokenAndCorrelationIdAndCachesTheToken() {
        MDC.put("correlation_id", "corr-77");
        Map<?, ?> first = client.get("codex", "/api/companies", Map.class);
        assertThat(first.containsKey("companies")).isTrue();
        client.get("codex", "/api/companies", Map.class);

        assertThat(mints.get()).isEqualTo(1);
        assertThat(seenHeaders).allSatisfy(h -> assertThat(h).startsWith("Bearer h.").endsWith("|corr-77"));
    }

    @Test
    void actingForAUserSendsTheUsersTokenAndKeepsTheirRefusal() {
        client.asUser("user.jwt.value").get("codex", "/api/companies", Map.class);
        assertThat(seenHeaders.get(seenHeaders.size() - 1)).startsWith("Bearer user.jwt.value|");
        assertThat(mints.get()).as("no service token minted for a user call").isZero();

        targetStatus = 403;
        assertThatThrownBy(() -> client.asUser("user.jwt.value").get("codex", "/api/companies", Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void slowTargetBecomesA503WithinTheTimeoutNotAHang() {
        targetDelayMs = 2_000;
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post("codex", "/api/companies", Map.of("a", 1), Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
        assertThat(targetCalls.get()).as("POST is not retried").isEqualTo(1);
    }

    @Test
    void idempotentCallsAreRetriedOnServerErrors() {
        targetStatus = 502;
        assertThatThrownBy(() -> client.get("codex", "/api/companies", Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(targetCalls.get()).isEqualTo(3);
    }

    @Test
    void absentTargetIsA503AndUnknownServiceA400() {
        assertThatThrownBy(() -> client.get("beacon", "/health", Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> client.get("nonexistent", "/x", Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void clientErrorsKeepTheirStatus() {
        targetStatus = 404;
        assertThatThrownBy(() -> client.get("codex", "/api/companies", Map.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
