package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.testsupport.TestTokenIssuer;

/** With Neo4j unreachable the service still starts and answers 503: a problem for the API, a page for browsers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hivematrix.registry-file=src/test/resources/test-services.json",
        "hivematrix.logs.ship-to-helm=false"})
@Import(KtTestBase.TestSecurity.class)
class Neo4jDownTest {

    static final TestTokenIssuer ISSUER = new TestTokenIssuer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String uri = "bolt://127.0.0.1:" + closed;
        registry.add("hivematrix.security.jwks-uri", ISSUER::jwksUri);
        registry.add("knowledgetree.neo4j.uri", () -> uri);
    }

    @Test
    void apiAnswers503ProblemAndPagesA503Page() throws Exception {
        String token = ISSUER.userToken("technician");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?q=vpn"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.body()).contains("Neo4j");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/browse/"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("error-page", "Knowledge base unavailable");
    }
}
