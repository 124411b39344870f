package com.hivematrix.helm.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Keycloak users and groups of the HiveMatrix realm, for admins only: the original's API and a page. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class UsersController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UserService users;
    private final KeycloakAdmin keycloak;

    public UsersController(UserService users, KeycloakAdmin keycloak) {
        this.users = users;
        this.keycloak = keycloak;
    }

    @GetMapping("/api/keycloak/users")
    @ResponseBody
    public Map<String, Object> list(@RequestParam(required = false) String search, @RequestParam(defaultValue = "0") int first,
            @RequestParam(defaultValue = "100") int max) {
        return Map.of("users", users.list(search, first, max));
    }

    @PostMapping("/api/keycloak/users")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
        String id = users.create(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", true, "id", id, "message", "User created"));
    }

    @PutMapping("/api/keycloak/users/{id}")
    @ResponseBody
    public Map<String, Object> update(@PathVariable String id, @RequestBody JsonNode body) {
        users.update(id, body);
        return Map.of("success", true);
    }

    @DeleteMapping("/api/keycloak/users/{id}")
    @ResponseBody
    public Map<String, Object> delete(@PathVariable String id) {
        users.delete(id);
        return Map.of("success", true);
    }

    @PostMapping("/api/keycloak/users/{id}/reset-password")
    @ResponseBody
    public Map<String, Object> resetPassword(@PathVariable String id, @RequestBody JsonNode body) {
        users.resetPassword(id, body);
        return Map.of("success", true);
    }

    @GetMapping("/api/keycloak/groups")
    @ResponseBody
    public Map<String, Object> groups() {
        return Map.of("groups", keycloak.groups());
    }

    @GetMapping("/api/keycloak/users/{id}/groups")
    @ResponseBody
    public Map<String, Object> userGroups(@PathVariable String id) {
        return Map.of("groups", keycloak.userGroups(id));
    }

    @PostMapping("/api/keycloak/users/{id}/groups/{group}")
    @ResponseBody
    public Map<String, Object> join(@PathVariable String id, @PathVariable String group) {
        users.addToGroup(id, group);
        return Map.of("success", true);
    }

    @DeleteMapping("/api/keycloak/users/{id}/groups/{group}")
    @ResponseBody
    public Map<String, Object> leave(@PathVariable String id, @PathVariable String group) {
        users.removeFromGroup(id, group);
        return Map.of("success", true);
    }

    /** Replace the user's groups with {@code {groups: [names]}}: 200, or 207 with per-group errors. */
    @PutMapping("/api/keycloak/users/{id}/groups")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> replaceGroups(@PathVariable String id, @RequestBody JsonNode body) {
        JsonNode groups = body.get("groups");
        if (groups == null || !groups.isArray()) {
            throw ProblemException.unprocessable("groups must be a list of group names",
                    List.of(Map.of("field", "groups", "message", "required, a list of names")));
        }
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.asString()));
        Map<String, Object> result = users.replaceGroups(id, names);
        return ResponseEntity.status(Boolean.TRUE.equals(result.get("success")) ? HttpStatus.OK : HttpStatus.MULTI_STATUS).body(result);
    }

    @GetMapping("/users")
    public String page(@RequestParam(required = false) String search, Model model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode u : users.list(search, 0, 100)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", u.path("id").asString());
            row.put("username", u.path("username").asString());
            row.put("email", u.path("email").asString(""));
            row.put("name", (u.path("firstName").asString("") + " " + u.path("lastName").asString("")).trim());
            row.put("enabled", u.path("enabled").asBoolean());
            row.put("groups", String.join(", ", users.groupsOf(u.path("id").asString())));
            rows.add(row);
        }
        model.addAttribute("users", rows);
        model.addAttribute("groups", KeycloakAdmin.names(keycloak.groups()));
        model.addAttribute("search", search);
        return "users/index";
    }

    @PostMapping("/users/create")
    public String createForm(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String f : List.of("username", "email", "firstName", "lastName", "password")) {
            String v = form.get(f);
            if (v != null && !v.isBlank()) {
                body.put(f, v.trim());
            }
        }
        body.put("temporary", true);
        if (form.get("group") != null && !form.get("group").isBlank()) {
            body.put("groups", List.of(form.get("group")));
        }
        return outcome(() -> users.create(JSON.valueToTree(body)), "User " + form.get("username") + " created.", redirect);
    }

    @PostMapping("/users/{id}/{action}")
    public String act(@PathVariable String id, @PathVariable String action, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        return switch (action) {
            case "enable", "disable" -> outcome(() -> users.update(id, JSON.valueToTree(Map.of("enabled", "enable".equals(action)))),
                    "User " + action + "d.", redirect);
            case "delete" -> outcome(() -> users.delete(id), "User deleted.", redirect);
            case "reset-password" -> outcome(() -> users.resetPassword(id, JSON.valueToTree(Map.of("password",
                    form.getOrDefault("password", ""), "temporary", true))), "Temporary password set.", redirect);
            default -> throw ProblemException.badRequest("unknown action '" + action + "'").with("field", "action");
        };
    }

    private static String outcome(Runnable change, String success, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("message", success);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/users";
    }
}
