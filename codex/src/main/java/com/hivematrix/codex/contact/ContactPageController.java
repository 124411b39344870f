package com.hivematrix.codex.contact;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Links;
import com.hivematrix.codex.web.Page;
import com.hivematrix.codex.web.Rows;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.node.ObjectNode;
import com.hivematrix.shared.problem.ProblemException;

/** Contacts list (inactive hidden unless asked) and detail (spec §2.1, §9). */
@Controller
@CodexPage
public class ContactPageController {

    private final ContactApiController api;
    private final JdbcClient jdbc;

    public ContactPageController(ContactApiController api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    @GetMapping("/contacts/")
    @PreAuthorize(Access.USERS_ONLY)
    public String list(@RequestParam(required = false) String search, @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(required = false) String order, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage,
            @RequestParam(name = "show_inactive", required = false) String showInactive, HttpServletRequest request, Model model) {
        String sort = sortBy == null || sortBy.isBlank() ? "name" : sortBy;
        Map<String, Object> result = api.search(search, sort, order, page, perPage, showInactive);
        @SuppressWarnings("unchecked")
        Map<String, Object> pagination = (Map<String, Object>) result.get("pagination");
        model.addAttribute("contacts", result.get("contacts"));
        model.addAttribute("pagination", pagination);
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("showInactive", "1".equals(showInactive) || "true".equalsIgnoreCase(showInactive));
        model.addAttribute("perPage", Page.of(page, perPage).perPage());
        model.addAttribute("links", new Links(request, sort, order, pagination));
        return "contact/list";
    }

    static final java.util.List<String> TEXT_FIELDS = java.util.List.of("first_name", "last_name", "email", "job_title",
            "mobile_phone_number", "work_phone_number", "secondary_emails", "location_name", "time_zone", "address", "background_information");

    @GetMapping("/contacts/{id:\\d+}")
    @PreAuthorize(Access.USERS_ONLY)
    public String detail(@PathVariable long id, Model model) {
        model.addAttribute("errors", Map.of());
        return view(id, null, model);
    }

    /** The edit form: the same validation and code as PUT /contacts/{id}/update. */
    @PostMapping("/contacts/{id:\\d+}/edit")
    @PreAuthorize(Access.TECH_USER)
    public String edit(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        ObjectNode body = Rows.JSON.createObjectNode();
        Map<String, Object> submitted = new java.util.LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            if (params.containsKey(f)) {
                String v = params.getFirst(f) == null ? "" : params.getFirst(f);
                body.put(f, v);
                submitted.put(f, v);
            }
        }
        // unchecked boxes are not sent: the form always speaks for both flags
        body.put("active", params.containsKey("active"));
        body.put("vip_user", params.containsKey("vip_user"));
        submitted.put("active", params.containsKey("active"));
        submitted.put("vip_user", params.containsKey("vip_user"));
        try {
            api.update(id, body);
        } catch (ProblemException e) {
            if (e.getStatusCode().value() != 422) {
                throw e;
            }
            Map<String, String> errors = new java.util.LinkedHashMap<>();
            Object list = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
            if (list instanceof java.util.List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m) {
                        errors.putIfAbsent(String.valueOf(m.get("field")), String.valueOf(m.get("message")));
                    }
                }
            }
            response.setStatus(422);
            model.addAttribute("errors", errors);
            return view(id, submitted, model);
        }
        return "redirect:/contacts/" + id + "?saved=1";
    }

    private String view(long id, Map<String, Object> submitted, Model model) {
        Map<String, Object> contact = jdbc.sql("SELECT ct.* FROM contacts ct WHERE ct.id = ?").param(id).query(Rows.MAP).optional()
                .orElseThrow(() -> ProblemException.notFound("Contact " + id + " not found"));
        model.addAttribute("contact", contact);
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            Object v = contact.get(f);
            form.put(f, v == null ? "" : v.toString());
        }
        form.put("secondary_emails", secondary(contact.get("secondary_emails")));
        form.put("active", contact.get("active"));
        form.put("vip_user", contact.get("vip_user"));
        if (submitted != null) {
            form.putAll(submitted);
        }
        model.addAttribute("form", form);
        model.addAttribute("companies", jdbc.sql("""
                SELECT c.account_number, c.name FROM companies c JOIN contact_company_link l ON l.company_account_number = c.account_number
                WHERE l.contact_id = ? ORDER BY lower(c.name)""").param(id).query(Rows.MAP).list());
        model.addAttribute("assets", jdbc.sql("""
                SELECT a.id, a.hostname, a.hardware_type, a.online, c.name AS company_name FROM assets a
                JOIN asset_contact_link l ON l.asset_id = a.id JOIN companies c ON c.account_number = a.company_account_number
                WHERE l.contact_id = ? ORDER BY lower(a.hostname)""").param(id).query(Rows.MAP).list());
        return "contact/detail";
    }

    static String secondary(Object json) {
        if (json == null || json.toString().isBlank()) {
            return "";
        }
        try {
            return String.join(", ", Rows.JSON.readTree(json.toString()).valueStream().map(n -> n.asString()).toList());
        } catch (RuntimeException e) {
            return json.toString();
        }
    }
}
