package com.hivematrix.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.testapp.SampleApplication;
import com.hivematrix.shared.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hivematrix.service-name=sample", "hivematrix.registry-file=src/test/resources/test-services.json",
                "hivematrix.logs.ship-to-helm=false"})
@ExtendWith(OutputCaptureExtension.class)
class SharedLibWebTest {

    static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", ISSUER::jwksUri);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void noTokenIsA401Problem() throws Exception {
        HttpResponse<String> r = send("GET", "/api/things", null, null, Map.of());
        assertProblem(r, 401, "about:blank#unauthorized", "/api/things");
    }

    @Test
    void technicianGets403OnAdminEndpointAndAdminGets200() throws Exception {
        HttpResponse<String> tech = send("GET", "/api/admin/settings", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician")));
        assertProblem(tech, 403, "about:blank#forbidden", "/api/admin/settings");
        HttpResponse<String> admin = send("GET", "/api/admin/settings", null, null, TestTokenIssuer.bearer(ISSUER.userToken("admin")));
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongMethodStaysA405() throws Exception {
        HttpResponse<String> r = send("DELETE", "/api/things", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician")));
        assertProblem(r, 405, "about:blank#method-not-allowed", "/api/things");
    }

    @Test
    void wrongContentTypeIs415AndBadJsonIs400() throws Exception {
        Map<String, String> auth = TestTokenIssuer.bearer(ISSUER.userToken("technician"));
        assertProblem(send("POST", "/api/things", "name=x", "text/plain", auth), 415, "about:blank#unsupported-media-type", "/api/things");
        assertProblem(send("POST", "/api/things", "{not json", "application/json", auth), 400, "about:blank#bad-request", "/api/things");
    }

    @Test
    void invalidFieldsAre422NamingTheFields() throws Exception {
        HttpResponse<String> r = send("POST", "/api/things", "{\"name\":\"\",\"quantity\":0}", "application/json",
                TestTokenIssuer.bearer(ISSUER.userToken("technician")));
        JsonNode body = assertProblem(r, 422, "about:blank#unprocessable-entity", "/api/things");
        assertThat(body.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "quantity");
    }

    @Test
    void unknownPathIs404AndThrownProblemKeepsItsDetail() throws Exception {
        Map<String, String> auth = TestTokenIssuer.bearer(ISSUER.userToken("technician"));
        assertProblem(send("GET", "/api/nothing-here", null, null, auth), 404, "about:blank#not-found", "/api/nothing-here");
        JsonNode body = assertProblem(send("GET", "/api/things/7", null, null, auth), 404, "about:blank#not-found", "/api/things/7");
        assertThat(body.path("detail").asString()).isEqualTo("Thing 7 not found");
    }

    @Test
    void unexpectedErrorIs500WithoutLeakingDetails() throws Exception {
        HttpResponse<String> r = send("GET", "/api/boom", null, null, TestTokenIssuer.bearer(ISSUER.userToken("admin")));
        JsonNode body = assertProblem(r, 500, "about:blank#internal-server-error", "/api/boom");
        assertThat(r.body()).doesNotContain("secret internal detail");
        assertThat(body.path("detail").asString()).isEqualTo("An unexpected error occurred");
    }

    @Test
    void everyRequestIsOneAccessLineWithItsCorrelationIdAndUser(CapturedOutput output) throws Exception {
        send("GET", "/api/things", null, null,
                Map.of("Authorization", "Bearer " + ISSUER.userToken("technician"), "X-Correlation-ID", "access-line-42"));
        send("GET", "/health", null, null, Map.of("X-Correlation-ID", "health-probe-42"));
        String line = output.getOut().lines().filter(l -> l.contains("access-line-42") && l.contains("hivematrix.access"))
                .findFirst().orElseThrow(() -> new AssertionError("no access line for the request"));
        assertThat(line).contains("GET /api/things -> 200 in ", "\"correlation_id\":\"access-line-42\"", "\"username\":");
        assertThat(output.getOut().lines().filter(l -> l.contains("hivematrix.access") && l.contains("health-probe-42"))).isEmpty();
    }

    @Test
    void correlationIdIsEchoedAndVisibleToTheHandler() throws Exception {
        HttpResponse<String> r = send("GET", "/api/things", null, null,
                Map.of("Authorization", "Bearer " + ISSUER.userToken("technician"), "X-Correlation-ID", "abc-123"));
        assertThat(r.headers().firstValue("X-Correlation-ID")).contains("abc-123");
        assertThat(JSON.readTree(r.body()).path("correlation_id").asString()).isEqualTo("abc-123");

        HttpResponse<String> generated = send("GET", "/api/things", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician")));
        // no id from the caller: the request's W3C trace id is its correlation id
        assertThat(generated.headers().firstValue("X-Correlation-ID")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        HttpResponse<String> hostile = send("GET", "/api/things", null, null,
                Map.of("Authorization", "Bearer " + ISSUER.userToken("technician"), "X-Correlation-ID", "bad\tid<script>"));
        assertThat(hostile.headers().firstValue("X-Correlation-ID")).hasValueSatisfying(id -> assertThat(id).doesNotContain("<"));
    }

    @Test
    void serviceTokenCountsOnlyAtItsTarget() throws Exception {
        HttpResponse<String> mine = send("GET", "/api/things", null, null, TestTokenIssuer.bearer(ISSUER.serviceToken("ledger", "sample")));
        assertThat(mine.statusCode()).isEqualTo(200);
        HttpResponse<String> other = send("GET", "/api/things", null, null, TestTokenIssuer.bearer(ISSUER.serviceToken("ledger", "codex")));
        assertProblem(other, 401, "about:blank#unauthorized", "/api/things");
    }

    @Test
    void badTokensAre401NeverA500() throws Exception {
        String expired = ISSUER.sign(ISSUER.userClaims("admin")
                .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(120))).build());
        String wrongIssuer = ISSUER.sign(ISSUER.userClaims("admin").issuer("someone-else").build());
        String foreign = ISSUER.signWithForeignKey(ISSUER.userClaims("admin").build());
        String noSession = ISSUER.sign(ISSUER.userClaims("admin").jwtID(null).build());
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String algNone = header + "." + b64("{\"iss\":\"hivematrix-core\",\"sub\":\"x\",\"permission_level\":\"admin\",\"exp\":9999999999}") + ".";
        for (String token : new String[] {expired, wrongIssuer, foreign, noSession, algNone, "garbage", "a.b.c"}) {
            assertProblem(send("GET", "/api/things", null, null, TestTokenIssuer.bearer(token)), 401, "about:blank#unauthorized", "/api/things");
        }
    }

    @Test
    void revokedSessionIsRefused() throws Exception {
        com.nimbusds.jwt.JWTClaimsSet claims = ISSUER.userClaims("admin").build();
        String token = ISSUER.sign(claims);
        assertThat(send("GET", "/api/things", null, null, TestTokenIssuer.bearer(token)).statusCode()).isEqualTo(200);
        SampleApplication.REVOKED.add(claims.getJWTID());
        assertProblem(send("GET", "/api/things", null, null, TestTokenIssuer.bearer(token)), 401, "about:blank#unauthorized", "/api/things");
    }

    @Test
    void healthIsPublicInTheOriginalShape() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null, null, Map.of());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("service").asString()).isEqualTo("sample");
        assertThat(body.path("environment").asString()).isEqualTo("development");
        assertThat(body.path("status").asString()).isIn("healthy", "degraded", "unhealthy");
        assertThat(body.path("checks").path("disk").path("total_gb").asDouble()).isPositive();
        assertThat(r.statusCode()).isEqualTo(body.path("status").asString().equals("healthy") ? 200 : 503);
    }

    @Test
    void anIncomingTraceContextIsContinuedAndItsTraceIdIsTheCorrelationId(CapturedOutput output) throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> r = send("GET", "/api/things", null, null, Map.of("Authorization", "Bearer " + ISSUER.userToken("technician"),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(r.headers().firstValue("X-Correlation-ID")).contains(traceId);
        String line = output.getOut().lines().filter(l -> l.contains("hivematrix.access") && l.contains(traceId))
                .findFirst().orElseThrow(() -> new AssertionError("no access line for the traced request"));
        assertThat(line).contains("\"correlation_id\":\"" + traceId + "\"", "\"traceId\":\"" + traceId + "\"");
    }

    @Test
    void prometheusMetricsNeedAnAdminOrServiceToken() throws Exception {
        send("GET", "/api/things", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician")));
        assertThat(send("GET", "/actuator/prometheus", null, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician"))).statusCode())
                .isEqualTo(403);
        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null, null,
                Map.of("Authorization", "Bearer " + ISSUER.serviceToken("ledger", "sample"), "Accept", "text/plain"));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("http_server_requests_seconds_count{", "uri=\"/api/things\"", "jvm_memory_used_bytes");
    }

    @Test
    void actuatorIsNotPublic() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/health", null, null, TestTokenIssuer.bearer(ISSUER.userToken("technician"))).statusCode()).isEqualTo(403);
    }

    private JsonNode assertProblem(HttpResponse<String> r, int status, String type, String instance) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asString()).isEqualTo(type);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(body.path("instance").asString()).isEqualTo(instance);
        return body;
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
    }
}
