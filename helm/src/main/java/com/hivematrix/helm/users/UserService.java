package com.hivematrix.helm.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * User administration rules on top of {@link KeycloakAdmin}: only the fields an admin may edit are
 * passed to Keycloak (the original passed any JSON straight through), and the platform can never
 * lose its last enabled admin - neither by deleting, disabling nor removing from {@code admins}.
 */
@Service
public class UserService {

    static final String ADMINS = "admins";
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{1,255}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Set<String> EDITABLE = Set.of("email", "firstName", "lastName", "enabled");

    private final KeycloakAdmin keycloak;

    public UserService(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    public JsonNode list(String search, int first, int max) {
        if (first < 0) {
            throw ProblemException.badRequest("first must be 0 or more").with("field", "first");
        }
        if (max < 1 || max > 500) {
            throw ProblemException.badRequest("max must be between 1 and 500").with("field", "max");
        }
        return keycloak.users(search, first, max);
    }

    public String create(JsonNode body) {
        List<Map<String, String>> errors = new ArrayList<>();
        String username = text(body, "username");
        String email = text(body, "email");
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(error("username", "required; letters, digits and . _ @ - only"));
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            errors.add(error("email", "required, a valid e-mail address"));
        }
        String password = text(body, "password");
        List<String> groups = new ArrayList<>();
        body.path("groups").forEach(g -> groups.add(g.asString()));
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The user was not created", errors);
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("username", username);
        rep.put("email", email);
        rep.put("firstName", text(body, "firstName"));
        rep.put("lastName", text(body, "lastName"));
        rep.put("enabled", !body.has("enabled") || body.get("enabled").asBoolean());
        rep.put("emailVerified", body.path("emailVerified").asBoolean(false));
        if (password != null) {
            rep.put("credentials", List.of(Map.of("type", "password", "value", password,
                    "temporary", !body.has("temporary") || body.get("temporary").asBoolean())));
        }
        List<String> groupIds = new ArrayList<>();
        for (String g : groups) {
            groupIds.add(keycloak.groupId(g).orElseThrow(() ->
                    ProblemException.unprocessable("The user was not created", List.of(error("groups", "no group named '" + g + "'")))));
        }
        String id = keycloak.createUser(rep);
        groupIds.forEach(gid -> keycloak.joinGroup(id, gid));
        return id;
    }

    public void update(String id, JsonNode body) {
        List<Map<String, String>> errors = new ArrayList<>();
        Map<String, Object> rep = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!EDITABLE.contains(e.getKey())) {
                errors.add(error(e.getKey(), "cannot be changed here"));
            } else if ("enabled".equals(e.getKey())) {
                rep.put("enabled", e.getValue().asBoolean());
            } else {
                rep.put(e.getKey(), e.getValue().asString());
            }
        });
        if (rep.containsKey("email") && !EMAIL.matcher((String) rep.get("email")).matches()) {
            errors.add(error("email", "a valid e-mail address"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The user was not changed", errors);
        }
        if (Boolean.FALSE.equals(rep.get("enabled"))) {
            requireNotLastAdmin(id, "disable");
        }
        keycloak.updateUser(id, rep);
    }

    public void delete(String id) {
        requireNotLastAdmin(id, "delete");
        keycloak.deleteUser(id);
    }

    public void resetPassword(String id, JsonNode body) {
        String password = text(body, "password");
        if (password == null || password.isBlank()) {
            throw ProblemException.unprocessable("The password was not reset", List.of(error("password", "required")));
        }
        keycloak.resetPassword(id, password, !body.has("temporary") || body.get("temporary").asBoolean());
    }

    public List<String> groupsOf(String id) {
        return KeycloakAdmin.names(keycloak.userGroups(id));
    }

    public void addToGroup(String id, String group) {
        keycloak.joinGroup(id, groupId(group));
    }

    public void removeFromGroup(String id, String group) {
        if (ADMINS.equals(group)) {
            requireNotLastAdmin(id, "remove from admins");
        }
        keycloak.leaveGroup(id, groupId(group));
    }

    /** Desired set of group names; every change is attempted, failures are reported one by one. */
    public Map<String, Object> replaceGroups(String id, List<String> desired) {
        Set<String> want = new LinkedHashSet<>(desired);
        List<String> have = groupsOf(id);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (String g : want) {
            if (!have.contains(g)) {
                attempt(() -> addToGroup(id, g), g, added, errors);
            }
        }
        for (String g : have) {
            if (!want.contains(g)) {
                attempt(() -> removeFromGroup(id, g), g, removed, errors);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", errors.isEmpty());
        out.put("added", added);
        out.put("removed", removed);
        if (!errors.isEmpty()) {
            out.put("errors", errors);
        } else {
            out.put("message", "Groups updated");
        }
        return out;
    }

    private void attempt(Runnable change, String group, List<String> done, List<Map<String, String>> errors) {
        try {
            change.run();
            done.add(group);
        } catch (ProblemException e) {
            errors.add(error(group, e.getBody().getDetail()));
        }
    }

    private String groupId(String name) {
        return keycloak.groupId(name).orElseThrow(() -> ProblemException.notFound("no group named '" + name + "'").with("field", "group"));
    }

    /** 409 when {@code id} is the only enabled member of admins. */
    private void requireNotLastAdmin(String id, String action) {
        String admins = keycloak.groupId(ADMINS).orElse(null);
        if (admins == null) {
            return;
        }
        List<String> enabledAdmins = new ArrayList<>();
        for (JsonNode m : keycloak.groupMembers(admins)) {
            if (m.path("enabled").asBoolean(true)) {
                enabledAdmins.add(m.get("id").asString());
            }
        }
        if (enabledAdmins.size() == 1 && enabledAdmins.get(0).equals(id)) {
            throw ProblemException.conflict("Cannot " + action + " the last enabled admin").with("field", "id");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
