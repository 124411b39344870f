package com.hivematrix.helm.users;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak admin REST API of the HiveMatrix realm, called with the service account of the
 * confidential client {@code helm-admin} (client credentials; realm-management roles for users
 * and groups only), never with the master admin's password. Keycloak's refusals come back as
 * problems with Keycloak's status and message; Keycloak unreachable is a 503.
 */
@Component
public class KeycloakAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String tokenUrl;
    private final String clientId;
    private final String configuredSecret;
    private final Path secretFile;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public KeycloakAdmin(HivematrixProperties props,
            @Value("${hivematrix.helm.keycloak.url:http://127.0.0.1:8080/keycloak}") String url,
            @Value("${hivematrix.helm.keycloak.realm:hivematrix}") String realm,
            @Value("${hivematrix.helm.keycloak.client-id:helm-admin}") String clientId,
            @Value("${hivematrix.helm.keycloak.client-secret:}") String clientSecret) {
        String root = url.replaceAll("/+$", "");
        this.base = root + "/admin/realms/" + realm;
        this.tokenUrl = root + "/realms/" + realm + "/protocol/openid-connect/token";
        this.clientId = clientId;
        this.configuredSecret = clientSecret;
        this.secretFile = props.getHome().resolve("var/secrets/helm-keycloak.secret");
    }

    public JsonNode users(String search, int first, int max) {
        String q = "?briefRepresentation=false&first=" + first + "&max=" + max
                + (search == null || search.isBlank() ? "" : "&search=" + enc(search));
        return get("/users" + q);
    }

    public JsonNode user(String id) {
        return get("/users/" + enc(id));
    }

    /** @return the new user's id */
    public String createUser(Map<String, Object> representation) {
        HttpResponse<String> r = send("POST", "/users", representation);
        String location = r.headers().firstValue("Location").orElseThrow(() -> upstream(r));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void updateUser(String id, Map<String, Object> representation) {
        send("PUT", "/users/" + enc(id), representation);
    }

    public void deleteUser(String id) {
        send("DELETE", "/users/" + enc(id), null);
    }

    public void resetPassword(String id, String password, boolean temporary) {
        send("PUT", "/users/" + enc(id) + "/reset-password", Map.of("type", "password", "value", password, "temporary", temporary));
    }

    public JsonNode groups() {
        return get("/groups?briefRepresentation=true");
    }

    public Optional<String> groupId(String name) {
        for (JsonNode g : groups()) {
            if (name.equals(g.path("name").asString())) {
                return Optional.of(g.get("id").asString());
            }
        }
        return Optional.empty();
    }

    public JsonNode userGroups(String id) {
        return get("/users/" + enc(id) + "/groups");
    }

    public JsonNode groupMembers(String groupId) {
        return get("/groups/" + enc(groupId) + "/members?briefRepresentation=true&max=1000");
    }

    public void joinGroup(String userId, String groupId) {
        send("PUT", "/users/" + enc(userId) + "/groups/" + enc(groupId), null);
    }

    public void leaveGroup(String userId, String groupId) {
        send("DELETE", "/users/" + enc(userId) + "/groups/" + enc(groupId), null);
    }

    private JsonNode get(String path) {
        return JSON.readTree(send("GET", path, null).body());
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpResponse<String> r = exchange(method, path, body, accessToken());
        if (r.statusCode() == 401) {
            synchronized (this) {
                tokenExpires = Instant.EPOCH;
            }
            r = exchange(method, path, body, accessToken());
        }
        if (r.statusCode() >= 400) {
            throw upstream(r);
        }
        return r;
    }

    private HttpResponse<String> exchange(String method, String path, Object body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return call(b.build());
    }

    private synchronized String accessToken() {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret());
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Keycloak refused Helm's service account (" + clientId + "): HTTP " + r.statusCode());
        }
        JsonNode t = JSON.readTree(r.body());
        token = t.get("access_token").asString();
        tokenExpires = Instant.now().plusSeconds(Math.max(5, t.path("expires_in").asLong(60) - 30));
        return token;
    }

    private String secret() {
        if (configuredSecret != null && !configuredSecret.isBlank()) {
            return configuredSecret;
        }
        try {
            return Files.readString(secretFile).trim();
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "no secret for Keycloak client " + clientId
                    + " (var/secrets/helm-keycloak.secret or HIVEMATRIX_HELM_KEYCLOAK_SECRET)");
        }
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Keycloak is not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while calling Keycloak");
        }
    }

    /** Keycloak's own status (409 duplicate, 400 policy…) with its message; its 5xx become 502. */
    private static ProblemException upstream(HttpResponse<String> r) {
        String message = "";
        try {
            JsonNode body = JSON.readTree(r.body());
            message = body.path("errorMessage").asString(body.path("error_description").asString(body.path("error").asString("")));
        } catch (RuntimeException e) {
            message = r.body() == null ? "" : r.body();
        }
        HttpStatus status = r.statusCode() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(r.statusCode());
        return new ProblemException(status, "Keycloak: " + (message.isBlank() ? "HTTP " + r.statusCode() : message));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Names of the groups in a list of group representations. */
    static List<String> names(JsonNode groups) {
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.path("name").asString()));
        return names;
    }
}
