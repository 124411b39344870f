package com.hivematrix.codex.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.node.ObjectNode;

/**
 * The current user's preferences page. Reads and writes through the same code as
 * GET/PUT /api/my/settings, so the page, the side panel's toggle and Nexus see one truth.
 */
@Controller
@CodexPage
public class SettingsPageController {

    static final List<String> COLORS = List.of("purple", "blue", "green", "orange", "gold", "red", "yellow", "matrix", "bee");
    static final Map<String, String> HOME_PAGES = linked("helm", "Helm", "codex", "Codex", "beacon", "Beacon", "ledger", "Ledger",
            "brainhair", "Brainhair", "knowledgetree", "KnowledgeTree");

    private final AgentApiController api;

    public SettingsPageController(AgentApiController api) {
        this.api = api;
    }

    @GetMapping("/settings")
    @PreAuthorize(Access.USERS_ONLY)
    public String settings(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String saved, Model model) {
        model.addAttribute("settings", api.mySettings(jwt));
        model.addAttribute("errors", Map.of());
        model.addAttribute("saved", saved != null);
        return view(model);
    }

    @PostMapping("/settings")
    @PreAuthorize(Access.USERS_ONLY)
    public String save(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "theme_preference", required = false) String theme,
            @RequestParam(name = "preferred_color_theme", required = false) String color,
            @RequestParam(name = "home_page_preference", required = false) String home, Model model, HttpServletResponse response) {
        ObjectNode body = Rows.JSON.createObjectNode();
        if (theme != null) body.put("theme_preference", theme);
        if (color != null) body.put("preferred_color_theme", color);
        if (home != null) body.put("home_page_preference", home);
        try {
            api.updateMySettings(jwt, body);
        } catch (ProblemException e) {
            if (e.getStatusCode().value() != 422 && e.getStatusCode().value() != 400) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            Object list = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m) {
                        errors.putIfAbsent(String.valueOf(m.get("field")), String.valueOf(m.get("message")));
                    }
                }
            } else {
                errors.put("form", e.getBody().getDetail());
            }
            Map<String, Object> current = new LinkedHashMap<>(api.mySettings(jwt));
            body.properties().forEach(en -> current.put(en.getKey(), en.getValue().asString()));
            response.setStatus(e.getStatusCode().value());
            model.addAttribute("settings", current);
            model.addAttribute("errors", errors);
            model.addAttribute("saved", false);
            return view(model);
        }
        return "redirect:/settings?saved=1";
    }

    private String view(Model model) {
        model.addAttribute("colors", COLORS);
        model.addAttribute("homePages", HOME_PAGES);
        return "settings/index";
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
