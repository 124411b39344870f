package com.hivematrix.nexus.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.hivematrix.nexus.security.TlsCertificateBootstrap;
import com.hivematrix.nexus.support.NexusTestSupport;
import com.hivematrix.nexus.support.TestBackend;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The gateway over real TLS against a real HTTP backend: what the backend receives, what the client
 * gets back, and the edge's refusals. No login is needed on the public Beacon paths, so these run
 * without Core or Keycloak.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    static final TestBackend BACKEND = new TestBackend();
    static final int DEAD_PORT = NexusTestSupport.freePort();
    static final Path HOME = NexusTestSupport.home("""
            {
              "keycloak": {"url": "http://127.0.0.1:%2$d", "visible": false, "admin_only": true},
              "core": {"url": "http://127.0.0.1:%2$d", "visible": false},
              "helm": {"url": "%1$s", "visible": true, "admin_only": true},
              "codex": {"url": "%1$s", "visible": true},
              "ledger": {"url": "%1$s", "visible": true, "billing_or_admin_only": true},
              "beacon": {"url": "%1$s", "visible": true},
              "brainhair": {"url": "http://127.0.0.1:%2$d", "visible": true},
              "nexus": {"url": "https://127.0.0.1:8443", "visible": false}
            }
            """.formatted(BACKEND.url(), DEAD_PORT));

    static {
        // read by the TLS bootstrap, which runs before test property sources exist
        System.setProperty("hivematrix.home", HOME.toString());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.home", HOME::toString);
        registry.add("hivematrix.logs.ship-to-helm", () -> "false");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.data.redis.database", () -> "11");
        registry.add("nexus.keycloak.backend-url", () -> "http://127.0.0.1:" + DEAD_PORT + "/keycloak");
        registry.add("nexus.keycloak.health-url", () -> "http://127.0.0.1:" + DEAD_PORT + "/keycloak/health/ready");
        registry.add("nexus.keycloak.client-secret", () -> "test-secret");
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "2s");
        registry.add("nexus.public-paths", () -> "/beacon/display,/beacon/display/**,/brainhair/public/**");
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    tools.jackson.databind.ObjectMapper mapper;

    WebTestClient client() {
        return NexusTestSupport.client(port);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> echo(WebTestClient.ResponseSpec spec) {
        byte[] body = spec.expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return mapper.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> headers(Map<String, Object> echo) {
        return (Map<String, String>) echo.get("headers");
    }

    @Test
    void generatesASelfSignedCertificateForLocalhostOnFirstStart() throws Exception {
        Path keystore = HOME.resolve(TlsCertificateBootstrap.KEYSTORE_FILE);
        String password = Files.readString(HOME.resolve(TlsCertificateBootstrap.PASSWORD_FILE)).trim();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate("nexus");
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo("localhost"));
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo("127.0.0.1"));
        // and it is the one being served
        client().get().uri("/health").exchange().expectHeader().exists("Strict-Transport-Security");
    }

    @Test
    void relaysPrefixStrippedWithAllQueryValuesAndItsOwnForwardedHeaders() {
        Map<String, Object> echo = echo(client().get().uri(java.net.URI.create("https://localhost:" + port + "/beacon/display/board?id=1&id=2&q=a%20b"))
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=6.6.6.6")
                .header(HttpHeaders.COOKIE, "HMSESSION=abc; KEYCLOAK_IDENTITY=kc; theme=dark")
                .exchange());
        assertThat(echo.get("uri")).isEqualTo("/display/board?id=1&id=2&q=a%20b");
        Map<String, String> h = headers(echo);
        assertThat(h.get("x-forwarded-prefix")).isEqualTo("/beacon");
        assertThat(h.get("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(h.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(h.get("x-forwarded-host")).isEqualTo("localhost:" + port);
        assertThat(h.get("x-forwarded-port")).isEqualTo(String.valueOf(port));
        assertThat(h).doesNotContainKey("forwarded");
        // no id from the caller: Nexus's trace id, and the same trace goes on as W3C traceparent
        assertThat(h.get("x-correlation-id")).matches("[0-9a-f]{32}");
        assertThat(h.get("traceparent")).matches("00-" + h.get("x-correlation-id") + "-[0-9a-f]{16}-0[01]");
        assertThat(h.get("cookie")).isEqualTo("theme=dark");
    }

    @Test
    void forwardsTheCallersCorrelationIdAndEchoesIt() {
        WebTestClient.ResponseSpec spec = client().get().uri("/beacon/display/x").header("X-Correlation-ID", "abc-123").exchange();
        spec.expectHeader().valueEquals("X-Correlation-ID", "abc-123");
        assertThat(headers(echo(spec)).get("x-correlation-id")).isEqualTo("abc-123");
    }

    @Test
    void relaysEveryMethodWithItsBody() {
        for (String method : List.of("PATCH", "PUT", "DELETE", "POST")) {
            Map<String, Object> echo = echo(client().method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri("/beacon/display/item").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":1}").exchange());
            assertThat(echo.get("method")).isEqualTo(method);
            assertThat(echo.get("body")).isEqualTo("{\"n\":1}");
        }
    }

    @Test
    void doesNotFollowRedirectsAndKeepsBackendCookiesButNeverNexussOwn() {
        client().get().uri("/beacon/display/redirect").exchange()
                .expectStatus().isFound().expectHeader().valueEquals(HttpHeaders.LOCATION, "/elsewhere");
        List<String> cookies = client().get().uri("/beacon/display/cookie").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("backend_pref=1"));
        assertThat(cookies).noneSatisfy(c -> assertThat(c).startsWith("HMSESSION=evil"));
    }

    @Test
    void streamsServerSentEventsWithoutWaitingForTheEnd() {
        Flux<String> events = client().get().uri("/beacon/display/sse").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        // the backend never ends the stream: the first event must arrive on its own
        StepVerifier.create(events).expectNext("first").thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void aSilentBackendIsA504ProblemAfterTheTimeout() {
        client().get().uri("/beacon/display/slow").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("about:blank#gateway-timeout");
    }

    @Test
    void aDownBackendIsA502ProblemForApisAndAStyledPageForBrowsers() {
        client().get().uri("/brainhair/public/x").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody().jsonPath("$.detail").isEqualTo("Service temporarily unavailable")
                .jsonPath("$.instance").isEqualTo("/brainhair/public/x");
        client().get().uri("/brainhair/public/x").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("Service temporarily unavailable")
                        .contains("/static/css/global.css"));
    }

    @Test
    void aDownKeycloakTellsBrowsersSignInIsUnavailableAndApisGetTheUsualProblem() {
        // the redirect the login starts with needs no Keycloak: the browser is sent on to its form through /keycloak
        client().get().uri("/oauth2/authorization/keycloak").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/keycloak/realms/"));
        String form = "/keycloak/realms/hivematrix/protocol/openid-connect/auth?client_id=core-client";
        client().get().uri(form).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<title>502 Sign-in is unavailable right now · HiveMatrix</title>")
                        .contains("cannot reach its login service").contains("Please try again in a few minutes")
                        .contains("/static/css/global.css")
                        .doesNotContain("Bad Gateway").doesNotContain("Exception"));
        client().get().uri(form).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Service temporarily unavailable")
                .jsonPath("$.instance").isEqualTo("/keycloak/realms/hivematrix/protocol/openid-connect/auth");
    }

    @Test
    void unknownServicesAndCoresTokenEndpointsAre404() {
        client().get().uri("/nope/x").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Service 'nope' not found.");
        for (String path : List.of("/core/service-token", "/core/api/token/validate", "/core/api/token/exchange")) {
            client().post().uri(path).header("Origin", "https://localhost:" + port).accept(MediaType.APPLICATION_JSON)
                    .exchange().expectStatus().isNotFound();
        }
        client().get().uri("/nexus/../core/service-token").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().value(s -> assertThat(s).isIn(400, 404));
        client().get().uri(java.net.URI.create("https://localhost:" + port + "/core/%2e%2e/core/service-token")).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void protectedPagesRedirectToLoginWithTheRelativePathAndApisGet401() {
        client().get().uri("/codex/companies?a=1&b=2").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/login?next=%2Fcodex%2Fcompanies%3Fa%3D1%26b%3D2");
        client().get().uri("/codex/api/companies").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("about:blank#unauthorized");
    }

    @Test
    void loginStartsAuthorizationCodeWithPkceOnNexussOwnOriginAndRefusesOpenRedirects() {
        WebTestClient.ResponseSpec login = client().get().uri("/login?next=//evil.example/x").exchange();
        login.expectStatus().isFound().expectHeader().valueEquals(HttpHeaders.LOCATION, "/oauth2/authorization/keycloak");
        String cookie = login.returnResult(Void.class).getResponseCookies().getFirst("HMSESSION").getValue();
        String location = client().get().uri("/oauth2/authorization/keycloak").cookie("HMSESSION", cookie).exchange()
                .expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/keycloak/realms/hivematrix/protocol/openid-connect/auth?")
                .contains("response_type=code", "client_id=core-client", "code_challenge_method=S256", "code_challenge=",
                        "state=", "nonce=", "scope=openid");
        assertThat(com.hivematrix.nexus.login.LoginController.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(com.hivematrix.nexus.login.LoginController.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(com.hivematrix.nexus.login.LoginController.safeNext("https://evil.example")).isEqualTo("/");
        assertThat(com.hivematrix.nexus.login.LoginController.safeNext("/codex/?a=1")).isEqualTo("/codex/?a=1");
    }

    @Autowired
    org.springframework.data.redis.connection.ReactiveRedisConnectionFactory redis;

    @Test
    void theLoginStateLivesInRedisSoARestartLosesNobody() {
        String sessionId = client().get().uri("/login?next=/codex/").exchange().expectStatus().isFound()
                .returnResult(Void.class).getResponseCookies().getFirst("HMSESSION").getValue();
        org.springframework.data.redis.core.ReactiveStringRedisTemplate template =
                new org.springframework.data.redis.core.ReactiveStringRedisTemplate(redis);
        assertThat(template.hasKey("nexus:session:sessions:" + sessionId).block(Duration.ofSeconds(5))).isTrue();
        assertThat(template.opsForHash().keys("nexus:session:sessions:" + sessionId).map(String::valueOf)
                .collectList().block(Duration.ofSeconds(5))).contains("sessionAttr:hm.next");
    }

    @Test
    void aForgedOrReplayedCallbackIsA401NotA500() {
        client().get().uri("/login/oauth2/code/keycloak?code=abc&state=forged").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).value(html -> assertThat(html).contains("Invalid state parameter"));
        client().get().uri("/login/oauth2/code/keycloak?state=forged").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().value(s -> assertThat(s).isIn(401, 404));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        client().get().uri("/beacon/display/x").exchange()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+.*")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "SAMEORIGIN")
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(java.util.Arrays.stream(csp.split(";"))
                        .map(String::trim).filter(d -> d.startsWith("script-src")).findFirst().orElseThrow())
                        .isEqualTo("script-src 'self'"))
                .expectHeader().exists("Permissions-Policy");
    }

    @Test
    void legacyBeaconShortcutsAndInvalidateCache() {
        client().get().uri("/helpdesk").exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/beacon/helpdesk");
        client().get().uri("/professional-services/").exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/beacon/professional-services");
        client().post().uri("/api/invalidate-cache").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true).jsonPath("$.message").isEqualTo("Cache invalidated");
    }

    @Test
    void healthReportsCoreAndKeycloakAsDependencies() {
        client().get().uri("/health").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.service").isEqualTo("nexus")
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.checks.dependencies.core.error").isEqualTo("connection_refused")
                .jsonPath("$.checks.dependencies.keycloak.status").isEqualTo("unhealthy");
    }
}
