package com.hivematrix.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.security.SessionStatus;
import com.hivematrix.shared.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full-context tests against the machine's PostgreSQL, database {@code helm_test} (created by
 * shared-lib's DatabaseProvisioning, migrated by Flyway). Tests isolate themselves by using
 * service names of their own rather than truncating the shared table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${HIVEMATRIX_PG_URL_HELM_TEST:jdbc:postgresql://127.0.0.1:5432/helm_test}",
        "hivematrix.registry-file=src/test/resources/test-services.json",
        "hivematrix.logs.ship-to-helm=false",
        
        "hivematrix.helm.logs.retention-batch-size=3"})
@Import(HelmTestBase.TestSecurity.class)
public abstract class HelmTestBase {

    protected static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static final String ADMIN = ISSUER.userToken("admin");
    protected static final String TECH = ISSUER.userToken("technician");
    protected static final String CODEX = ISSUER.serviceToken("codex", "helm");
    protected static final String SELF = ISSUER.serviceToken("helm", "helm");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @TestConfiguration
    static class TestSecurity {
        @Bean
        SessionStatus sessionStatus() {
            return jwt -> true;
        }
    }

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", ISSUER::jwksUri);
    }

    /** A service name no other test uses. */
    protected static String uniqueService(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    protected Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    protected Response post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    protected Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json");
            headers.forEach(b::setHeader);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String s = body instanceof String str ? str : JSON.writeValueAsString(body);
                b.method(method, HttpRequest.BodyPublishers.ofString(s)).header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        return r.json();
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
