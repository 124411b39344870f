package com.hivematrix.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Platform;
import com.hivematrix.shared.testsupport.RepoRoot;

import tools.jackson.databind.JsonNode;

/**
 * Every operation each backend publishes in its OpenAPI document, called directly (not through Nexus)
 * by an admin, a technician, a billing user, a client-level user and a service token, against the
 * access matrix in docs/SECURITY.md. An operation missing from the table, a row for an operation that
 * no longer exists, or any cell that differs fails the test. Reads are called by every level;
 * writes on a named resource are called by every level on a resource that does not exist (so they
 * change nothing); writes without one only by the levels that must be refused. The observed matrix is
 * written to e2e/target/attack/access-matrix.md.
 */
class PermissionMatrixIT {

    static final List<String> SERVICES = List.of("core", "codex", "ledger", "beacon", "brainhair", "knowledgetree");
    static Attacker attacker;

    @BeforeAll
    static void platform() {
        attacker = new Attacker(Platform.shared());
    }

    @Test
    void everyOperationAnswersEachCallerAsTheMatrixSays() throws IOException {
        AccessMatrix expected = AccessMatrix.read(RepoRoot.get().resolve("docs/SECURITY.md"));
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder observed = new StringBuilder("| service | method | path | admin | technician | billing | client | service |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        Set<String> probed = new LinkedHashSet<>();
        for (String service : SERVICES) {
            if (!attacker.runs(service)) {
                continue;
            }
            probed.add(service);
            JsonNode api = Attacker.JSON.readTree(attacker.get(attacker.direct(service) + "/v3/api-docs", null).body());
            for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
                if (path.getKey().equals("/error")) {
                    continue; // the framework's error page, reached only by forwarding
                }
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    String key = AccessMatrix.key(service, method, path.getKey());
                    seen.add(key);
                    Set<Attacker.Level> should = expected.allowed().get(key);
                    boolean write = !method.equals("GET");
                    boolean namesResource = path.getKey().contains("{");
                    Set<Attacker.Level> got = EnumSet.noneOf(Attacker.Level.class);
                    StringJoiner cells = new StringJoiner(" | ", "| " + service + " | " + method + " | `" + path.getKey() + "` | ", " |");
                    for (Attacker.Level level : AccessMatrix.COLUMNS) {
                        boolean mustRefuse = should != null && !should.contains(level);
                        if (write && !namesResource && !mustRefuse) {
                            cells.add(should == null ? "?" : "✓");
                            continue;
                        }
                        HttpResponse<String> r = attacker.send(probe(service, method, path.getKey(), op.getValue(),
                                attacker.token(level, service)));
                        boolean refused = r.statusCode() == 401 || r.statusCode() == 403;
                        if (!refused) {
                            got.add(level);
                        }
                        // 503 is a designed answer (a dependency or stored state unusable); anything else 5xx is a bug
                        if (r.statusCode() >= 500 && r.statusCode() != 503) {
                            serverErrors.add(key + " as " + level.column() + " → " + r.statusCode());
                        }
                        cells.add(refused ? "✗" : "✓");
                        if (should != null && should.contains(level) == refused) {
                            wrong.add(key + " as " + level.column() + ": expected " + (refused ? "access" : "refusal") + ", got "
                                    + r.statusCode() + " " + abbreviate(r.body()));
                        }
                    }
                    observed.append(cells).append('\n');
                    if (should == null) {
                        missing.add(cells.toString());
                    }
                }
            }
        }
        Path out = RepoRoot.get().resolve("e2e/target/attack");
        Files.createDirectories(out);
        Files.writeString(out.resolve("access-matrix.md"), observed);
        List<String> stale = expected.allowed().keySet().stream()
                .filter(k -> probed.contains(k.substring(0, k.indexOf(' '))) && !seen.contains(k)).toList();

        assertThat(missing).as("operations missing from docs/SECURITY.md's access matrix (observed; review before adding)").isEmpty();
        assertThat(stale).as("matrix rows for operations the services no longer publish").isEmpty();
        assertThat(wrong).as("answers that differ from the access matrix").isEmpty();
        assertThat(serverErrors).as("probes answered with a 5xx other than 503").isEmpty();
    }

    /** The operation with its path and required query parameters filled with values that name nothing that exists. */
    private HttpRequest probe(String service, String method, String path, JsonNode op, String token) {
        Map<String, String> pathValues = new HashMap<>();
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        JsonNode params = op.get("parameters");
        if (params != null) {
            for (JsonNode p : params) {
                String in = p.get("in").asString();
                String type = p.has("schema") && p.get("schema").has("type") ? p.get("schema").get("type").asString() : "string";
                String value = switch (type) {
                    case "integer", "number" -> in.equals("path") ? "987654321" : "1";
                    case "boolean" -> "false";
                    default -> in.equals("path") ? "zz-attack-probe" : "x";
                };
                if (in.equals("path")) {
                    pathValues.put(p.get("name").asString(), value);
                } else if (in.equals("query") && p.path("required").asBoolean(false)) {
                    query.add(Attacker.enc(p.get("name").asString()) + "=" + value);
                }
            }
        }
        String filled = path;
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            filled = filled.replace("{" + e.getKey() + "}", e.getValue());
        }
        // a path variable the service's document does not declare (bound by the controller alone) still needs a value
        filled = filled.replaceAll("\\{[^}/]+}", "zz-attack-probe");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(attacker.direct(service) + filled + query))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        JsonNode content = op.path("requestBody").path("content");
        if (method.equals("GET") || method.equals("DELETE") && content.isMissingNode()) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        if (content.has("application/x-www-form-urlencoded")) {
            return b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString("")).build();
        }
        if (content.has("text/csv")) {
            return b.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString("")).build();
        }
        if (content.has("multipart/form-data")) {
            // every declared part present, so binding succeeds and the access check decides
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, JsonNode> part : content.get("multipart/form-data").path("schema").path("properties").properties()) {
                body.append("--attackprobe\r\nContent-Disposition: form-data; name=\"").append(part.getKey())
                        .append("\"; filename=\"probe.txt\"\r\nContent-Type: text/plain\r\n\r\nprobe\r\n");
            }
            body.append("--attackprobe--\r\n");
            return b.header("Content-Type", "multipart/form-data; boundary=attackprobe")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
