package com.hivematrix.shared.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak the tests use: described by the launcher's env file ({@code HIVEMATRIX_TEST_KEYCLOAK_ENV},
 * else {@code <repo>/var/test/keycloak.env}); when that file is missing or its Keycloak does not answer,
 * {@code deploy/hivematrix keycloak-test up} is run once (bounded wait) to start one. One per test JVM.
 */
public final class KeycloakTestServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KeycloakTestServer instance;

    private final Map<String, String> env;

    private KeycloakTestServer(Map<String, String> env) {
        this.env = env;
    }

    public static synchronized KeycloakTestServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static KeycloakTestServer start() {
        Path envFile = envFile();
        if (Files.isRegularFile(envFile)) {
            KeycloakTestServer server = new KeycloakTestServer(read(envFile));
            if (server.reachable() && server.honoursForwardedHeaders()) {
                return server;
            }
            if (server.reachable()) {
                // started before the launcher passed --proxy-headers=xforwarded: restart it with the current flags
                runLauncher("down");
            }
        }
        Path launcher = RepoRoot.get().resolve("deploy/hivematrix");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("No Keycloak for the tests: " + envFile + " is missing or unreachable and "
                    + launcher + " does not exist");
        }
        runLauncher("up");
        KeycloakTestServer server = new KeycloakTestServer(read(envFile));
        if (!server.reachable()) {
            throw new IllegalStateException("Keycloak from " + envFile + " is not reachable at " + server.url());
        }
        return server;
    }

    private static void runLauncher(String action) {
        Path launcher = RepoRoot.get().resolve("deploy/hivematrix");
        try {
            Files.createDirectories(RepoRoot.get().resolve("var/test"));
            Process p = new ProcessBuilder(launcher.toString(), "keycloak-test", action)
                    .directory(RepoRoot.get().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(RepoRoot.get().resolve("var/test/keycloak-test-up.log").toFile())
                    .start();
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("deploy/hivematrix keycloak-test up did not finish within " + START_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("deploy/hivematrix keycloak-test " + action + " failed (exit " + p.exitValue()
                        + "), see var/test/keycloak-test-up.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + launcher, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path envFile() {
        String configured = System.getenv("HIVEMATRIX_TEST_KEYCLOAK_ENV");
        return configured != null && !configured.isBlank() ? Path.of(configured) : RepoRoot.get().resolve("var/test/keycloak.env");
    }

    private static Map<String, String> read(Path file) {
        try {
            Map<String, String> map = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                line = line.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                map.put(line.substring(0, eq).strip(), value);
            }
            return map;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private boolean reachable() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl())).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether Keycloak names itself after X-Forwarded-* (it runs with --proxy-headers=xforwarded), as Nexus needs. */
    boolean honoursForwardedHeaders() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "nexus.invalid:7443")
                    .header("X-Forwarded-Port", "7443").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("issuer").asString().startsWith("https://nexus.invalid:7443/");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String env(String key) {
        return env.get(key);
    }

    public String nexusClientId() {
        return env.getOrDefault("KC_NEXUS_CLIENT_ID", "core-client");
    }

    public String nexusClientSecret() {
        return env.get("KC_NEXUS_CLIENT_SECRET");
    }

    /**
     * Lets the gateway client redirect to (and end sessions back to) {@code origin}, e.g. a test
     * gateway on a random port: adds {@code origin/*} to its redirect and post-logout URIs.
     */
    public synchronized void allowGatewayOrigin(String origin) {
        String admin = masterAdminToken();
        String base = url() + "/admin/realms/" + realm() + "/clients";
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(base + "?clientId="
                + URLEncoder.encode(nexusClientId(), StandardCharsets.UTF_8))).header("Authorization", "Bearer " + admin).GET().build());
        tools.jackson.databind.node.ObjectNode client = (tools.jackson.databind.node.ObjectNode) JSON.readTree(found.body()).get(0);
        String pattern = origin + "/*";
        tools.jackson.databind.node.ArrayNode redirects = (tools.jackson.databind.node.ArrayNode) client.get("redirectUris");
        boolean present = false;
        for (JsonNode r : redirects) {
            present |= pattern.equals(r.asString());
        }
        if (!present) {
            redirects.add(pattern);
        }
        tools.jackson.databind.node.ObjectNode attributes = (tools.jackson.databind.node.ObjectNode) client.get("attributes");
        String postLogout = attributes.path("post.logout.redirect.uris").asString("");
        if (!List.of(postLogout.split("##")).contains(pattern)) {
            attributes.put("post.logout.redirect.uris", postLogout.isEmpty() ? pattern : postLogout + "##" + pattern);
        }
        HttpResponse<String> updated = send(HttpRequest.newBuilder(URI.create(base + "/" + client.get("id").asString()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build());
        if (updated.statusCode() != 204) {
            throw new IllegalStateException("Cannot update client " + nexusClientId() + ": " + updated.statusCode() + " " + updated.body());
        }
    }

    public String url() {
        return env.get("KC_URL");
    }

    public String realm() {
        return env.getOrDefault("KC_REALM", "hivematrix");
    }

    public String realmUrl() {
        return url() + "/realms/" + realm();
    }

    /** The issuer Keycloak puts in this realm's tokens (KC_ISSUER when the launcher sets a public hostname). */
    public String issuer() {
        return env.getOrDefault("KC_ISSUER", realmUrl());
    }

    public String adminUser() {
        return env.get("HM_ADMIN_USER");
    }

    public String adminPassword() {
        return env.get("HM_ADMIN_PASSWORD");
    }

    /** An access token from the public CLI client (direct access grant). */
    public String passwordGrant(String username, String password) {
        JsonNode body = form(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", env.getOrDefault("KC_CLI_CLIENT_ID", "hivematrix-cli"),
                "username", username, "password", password, "scope", "openid"));
        return body.get("access_token").asString();
    }

    /** Creates an enabled user with a random name, in {@code group} when not null; returns {username, password}. */
    public String[] createUser(String group) {
        return group == null ? createUserInGroups() : createUserInGroups(group);
    }

    /**
     * Creates an enabled user with a random name in every one of {@code groups} (none: no group), e.g.
     * a technician who is also in billing; returns {username, password}.
     */
    public String[] createUserInGroups(String... groups) {
        String admin = masterAdminToken();
        String label = groups.length == 0 ? "nogroup" : String.join("-", groups);
        String username = "t-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@test.hivematrix.local");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", label);
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm() + "/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user))).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Cannot create Keycloak user: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        for (String group : groups) {
            HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm()
                    + "/groups?exact=true&search=" + URLEncoder.encode(group, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + admin).GET().build());
            String groupId = null;
            for (JsonNode g : JSON.readTree(found.body())) {
                if (group.equals(g.get("name").asString())) {
                    groupId = g.get("id").asString();
                }
            }
            if (groupId == null) {
                throw new IllegalStateException("No group " + group + " in realm " + realm() + ": " + found.body());
            }
            HttpResponse<String> joined = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm()
                    + "/users/" + userId + "/groups/" + groupId))
                    .header("Authorization", "Bearer " + admin).PUT(HttpRequest.BodyPublishers.noBody()).build());
            if (joined.statusCode() != 204) {
                throw new IllegalStateException("Cannot add user to " + group + ": " + joined.statusCode());
            }
        }
        return new String[] {username, password};
    }

    /** An access token of a user in the master realm: validly signed by Keycloak, but from the wrong issuer. */
    public String masterAdminToken() {
        JsonNode body = form(url() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", env.get("KC_ADMIN_USER"), "password", env.get("KC_ADMIN_PASSWORD")));
        return body.get("access_token").asString();
    }

    private static JsonNode form(String url, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
