package com.hivematrix.helm.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.helm.HelmTestBase;
import com.hivematrix.helm.ScratchRealm;

import tools.jackson.databind.JsonNode;

/**
 * User administration against the real test Keycloak, in a scratch realm made from the platform's
 * own realm template ({@link ScratchRealm}).
 */
class UsersTest extends HelmTestBase {

    private static final ScratchRealm REALM = new ScratchRealm("helm-users");

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.helm.keycloak.url", REALM.keycloak::url);
        registry.add("hivematrix.helm.keycloak.realm", () -> REALM.name);
        registry.add("hivematrix.helm.keycloak.client-secret", () -> REALM.helmSecret);
    }

    @AfterAll
    static void dropRealm() {
        REALM.close();
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
