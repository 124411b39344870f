package com.hivematrix.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.testapp.SampleApplication;
import com.hivematrix.shared.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Core's key set cannot be fetched (nothing listens at the JWKS URL): a well-formed token gets a 503 problem, not a 500. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hivematrix.service-name=sample", "hivematrix.registry-file=src/test/resources/test-services.json",
                "hivematrix.logs.ship-to-helm=false"})
class KeysUnavailableTest {

    static final TestTokenIssuer ISSUER = new TestTokenIssuer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int unreachable = closed;
        registry.add("hivematrix.security.jwks-uri", () -> "http://127.0.0.1:" + unreachable + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void unreachableKeySetIsA503Problem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
                .header("Authorization", "Bearer " + ISSUER.userToken("technician")).GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JsonMapper.builder().build().readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    }
}
