package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.knowledgetree.admin.ImportExportService;
import com.hivematrix.shared.security.SessionStatus;
import com.hivematrix.shared.testsupport.Neo4jProcess;
import com.hivematrix.shared.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full-context tests against a real Neo4j Community server in its own process (Neo4jProcess);
 * the knowledge base is wiped before each test. Tokens come from shared-lib's test issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hivematrix.registry-file=src/test/resources/test-services.json",
        "hivematrix.logs.ship-to-helm=false",
        "knowledgetree.uploads.dir=target/test-uploads",
        "knowledgetree.uploads.max-size=1MB",
        "spring.servlet.multipart.max-file-size=2MB",
        "spring.servlet.multipart.max-request-size=2MB"})
@Import(KtTestBase.TestSecurity.class)
public abstract class KtTestBase {

    protected static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static final String ADMIN = ISSUER.userToken("admin");
    protected static final String TECH = ISSUER.userToken("technician");
    protected static final String BILLING = ISSUER.userToken("billing");
    protected static final String CLIENT = ISSUER.userToken("client");
    protected static final String BRAINHAIR = ISSUER.serviceToken("brainhair", "knowledgetree");

    @LocalServerPort
    protected int port;

    @Autowired
    protected ImportExportService io;

    @TestConfiguration
    static class TestSecurity {
        @Bean
        SessionStatus sessionStatus() {
            return jwt -> true;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", ISSUER::jwksUri);
        registry.add("knowledgetree.neo4j.uri", () -> Neo4jProcess.uri("knowledgetree"));
    }

    @BeforeEach
    void wipe() {
        io.wipe();
    }

    public record Response(int status, String body, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }

        public byte[] bytes() {
            return raw.body();
        }
    }

    protected Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    protected Response post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    protected Response put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    protected Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    protected Response send(String method, String path, Object body, String token) {
        HttpRequest.Builder b = request(path, token).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
        }
        return exchange(b);
    }

    protected Response page(String path, String token) {
        return exchange(request(path, token).header("Accept", "text/html").header("X-Forwarded-Prefix", "/knowledgetree").GET());
    }

    /** multipart/form-data with one file part named {@code field}. */
    protected Response upload(String path, String field, String filename, String contentType, byte[] bytes, String token) {
        String boundary = "----kt" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange(request(path, token).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Response exchange(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a node as a technician and returns its id. */
    protected String create(String parent, String name, boolean folder) {
        return create(parent, name, folder, false);
    }

    protected String create(String parent, String name, boolean folder, boolean attached) {
        Response r = post("/api/node", map("parent_id", parent, "name", name, "is_folder", folder, "is_attached", attached), TECH);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asString();
    }

    protected void write(String id, String markdown) {
        Response r = put("/api/node/" + id, map("content", markdown), TECH);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    protected static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
