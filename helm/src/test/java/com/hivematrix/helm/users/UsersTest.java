package com.hivematrix.helm.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.helm.HelmTestBase;
import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;

import tools.jackson.databind.JsonNode;

/**
 * User administration against the real test Keycloak. Each run imports the platform's own realm
 * template (deploy/keycloak/hivematrix-realm.json, so the helm-admin service account and its roles
 * are exactly what `up` provisions) as a scratch realm of its own, and deletes it afterwards.
 */
class UsersTest extends HelmTestBase {

    private static final KeycloakTestServer KC = KeycloakTestServer.get();
    private static final String REALM = "helm-users-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String HELM_SECRET = UUID.randomUUID().toString();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) throws Exception {
        String template = Files.readString(RepoRoot.get().resolve("deploy/keycloak/hivematrix-realm.json"))
                .replaceAll("(?m)^.*\"__PUBLIC_URL__/\\*\",\\R", "")
                .replace("__PUBLIC_URL_POST_LOGOUT__", "")
                .replace("__NEXUS_CLIENT_SECRET__", UUID.randomUUID().toString())
                .replace("__HM_ADMIN_PASSWORD__", "Adm1n-" + UUID.randomUUID())
                .replace("__HELM_ADMIN_CLIENT_SECRET__", HELM_SECRET)
                .replace("\"realm\": \"hivematrix\"", "\"realm\": \"" + REALM + "\"");
        HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(KC.url() + "/admin/realms"))
                .header("Authorization", "Bearer " + KC.masterAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(template)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        registry.add("hivematrix.helm.keycloak.url", KC::url);
        registry.add("hivematrix.helm.keycloak.realm", () -> REALM);
        registry.add("hivematrix.helm.keycloak.client-secret", () -> HELM_SECRET);
    }

    @AfterAll
    static void dropRealm() throws Exception {
        CLIENT.send(HttpRequest.newBuilder(URI.create(KC.url() + "/admin/realms/" + REALM))
                .header("Authorization", "Bearer " + KC.masterAdminToken()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void adminsOnly() {
        assertProblem(get("/api/keycloak/users", TECH), 403);
        assertProblem(get("/api/keycloak/users", null), 401);
    }

    @Test
    void createSearchUpdateAndDelete() {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = post("/api/keycloak/users", map("username", name, "email", name + "@example.test", "firstName", "Una",
                "lastName", "User", "password", "Initial-pass-123", "groups", List.of("technicians")), ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        JsonNode found = get("/api/keycloak/users?search=" + name, ADMIN).json().get("users");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("email").asString()).isEqualTo(name + "@example.test");
        assertThat(names(get("/api/keycloak/users/" + id + "/groups", ADMIN).json().get("groups"))).containsExactly("technicians");

        assertThat(send("PUT", "/api/keycloak/users/" + id, map("enabled", false, "lastName", "Changed"), ADMIN, Map.of()).status()).isEqualTo(200);
        JsonNode after = get("/api/keycloak/users?search=" + name, ADMIN).json().get("users").get(0);
        assertThat(after.get("enabled").asBoolean()).isFalse();
        assertThat(after.get("lastName").asString()).isEqualTo("Changed");

        JsonNode refused = assertProblem(send("PUT", "/api/keycloak/users/" + id, map("username", "renamed"), ADMIN, Map.of()), 422);
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("username");

        assertThat(post("/api/keycloak/users/" + id + "/reset-password", map("password", "Temp-pass-4567"), ADMIN).status()).isEqualTo(200);
        JsonNode reset = get("/api/keycloak/users?search=" + name, ADMIN).json().get("users").get(0);
        assertThat(reset.get("requiredActions").toString()).contains("UPDATE_PASSWORD");

        assertThat(send("DELETE", "/api/keycloak/users/" + id, null, ADMIN, Map.of()).status()).isEqualTo(200);
        assertThat(get("/api/keycloak/users?search=" + name, ADMIN).json().get("users")).isEmpty();
    }

    @Test
    void badInputNamesTheField() {
        JsonNode p = assertProblem(post("/api/keycloak/users", map("username", "no-mail"), ADMIN), 422);
        assertThat(p.get("errors").get(0).get("field").asString()).isEqualTo("email");
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/keycloak/users", map("username", name, "email", name + "@example.test"), ADMIN).status()).isEqualTo(201);
        assertProblem(post("/api/keycloak/users", map("username", name, "email", "other-" + name + "@example.test"), ADMIN), 409);
        JsonNode pw = assertProblem(post("/api/keycloak/users/whatever/reset-password", map("temporary", true), ADMIN), 422);
        assertThat(pw.get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void bulkGroupReplaceReportsPartialFailureWith207() {
        String name = "g-" + UUID.randomUUID().toString().substring(0, 8);
        String id = post("/api/keycloak/users", map("username", name, "email", name + "@example.test", "groups", List.of("technicians")), ADMIN)
                .json().get("id").asString();

        Response r = send("PUT", "/api/keycloak/users/" + id + "/groups", map("groups", List.of("billing", "no-such-group")), ADMIN, Map.of());

        assertThat(r.status()).as(r.body()).isEqualTo(207);
        assertThat(r.json().get("added").toString()).contains("billing");
        assertThat(r.json().get("removed").toString()).contains("technicians");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("no-such-group");
        assertThat(names(get("/api/keycloak/users/" + id + "/groups", ADMIN).json().get("groups"))).containsExactly("billing");

        Response ok = send("PUT", "/api/keycloak/users/" + id + "/groups", map("groups", List.of("client")), ADMIN, Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(names(get("/api/keycloak/users/" + id + "/groups", ADMIN).json().get("groups"))).containsExactly("client");
    }

    @Test
    void theLastEnabledAdminCannotBeDeletedDisabledOrDemoted() {
        JsonNode admin = get("/api/keycloak/users?search=admin@hivematrix.local", ADMIN).json().get("users").get(0);
        String id = admin.get("id").asString();

        assertProblem(send("DELETE", "/api/keycloak/users/" + id, null, ADMIN, Map.of()), 409);
        assertProblem(send("PUT", "/api/keycloak/users/" + id, map("enabled", false), ADMIN, Map.of()), 409);
        assertProblem(send("DELETE", "/api/keycloak/users/" + id + "/groups/admins", null, ADMIN, Map.of()), 409);
        assertThat(names(get("/api/keycloak/users/" + id + "/groups", ADMIN).json().get("groups"))).contains("admins");
    }

    @Test
    void pageListsUsers() {
        Response page = send("GET", "/users", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-username=\"admin\"").contains("New user");
    }

    private static List<String> names(JsonNode groups) {
        return KeycloakAdmin.names(groups);
    }
}
