package com.hivematrix.codex.company;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Links;
import com.hivematrix.codex.web.Page;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.node.ObjectNode;

/** Companies list (server-side search, sort, paging) and detail with the edit form (spec §2.1, §9). */
@Controller
@CodexPage
public class CompanyPageController {

    /** The edit form's fields: exactly the keys of PUT /companies/{acct}/update they map to. */
    static final List<String> FORM_FIELDS = List.of("name", "description", "compliance_level", "billing_plan", "support_level",
            "email_system", "phone_system", "contract_term_length", "contract_start_date", "managed_users", "managed_devices",
            "managed_network", "company_main_number", "address", "datto_portal_url", "domains", "company_start_date");

    static final List<String> TERMS = List.of("Month to Month", "1 Year", "2 Year", "3 Year");
    static final List<String> EMAIL_SYSTEMS = List.of("Microsoft 365", "Google Workspace", "Exchange On-Premise", "Other");
    static final List<String> PHONE_SYSTEMS = List.of("RingCentral", "Microsoft Teams", "Zoom Phone", "3CX", "DFN", "Spectrum",
            "Xfinity", "CenturyLink", "On-Premise PBX", "Other");

    private final CompanyQueries queries;
    private final CompanyService service;
    private final Bodies bodies;
    private final JdbcClient jdbc;

    public CompanyPageController(CompanyQueries queries, CompanyService service, Bodies bodies, JdbcClient jdbc) {
        this.queries = queries;
        this.service = service;
        this.bodies = bodies;
        this.jdbc = jdbc;
    }

    @GetMapping("/companies/")
    @PreAuthorize(Access.USERS_ONLY)
    public String list(@RequestParam(required = false) String search, @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(required = false) String order, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage, HttpServletRequest request, Model model) {
        String sort = sortBy == null || sortBy.isBlank() ? "name" : sortBy;
        Map<String, Object> result = queries.search(search, sort, order, Page.of(page, perPage));
        @SuppressWarnings("unchecked")
        Map<String, Object> pagination = (Map<String, Object>) result.get("pagination");
        model.addAttribute("companies", result.get("companies"));
        model.addAttribute("pagination", pagination);
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("perPage", Page.of(page, perPage).perPage());
        model.addAttribute("links", new Links(request, sort, order, pagination));
        return "company/list";
    }

    @GetMapping("/companies/{acct}")
    @PreAuthorize(Access.USERS_ONLY)
    public String detail(@PathVariable String acct, Model model) {
        Map<String, Object> company = load(acct);
        model.addAttribute("form", formValues(company));
        model.addAttribute("errors", Map.of());
        return detailView(acct, company, model);
    }

    /** The edit form: the same validation and service as PUT /companies/{acct}/update; errors re-render the form by field. */
    @PostMapping("/companies/{acct}/edit")
    @PreAuthorize(Access.TECH_USER)
    public String edit(@PathVariable String acct, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        Map<String, Object> company = load(acct);
        ObjectNode body = Rows.JSON.createObjectNode();
        Map<String, Object> submitted = new LinkedHashMap<>();
        for (String field : FORM_FIELDS) {
            if (params.containsKey(field)) {
                String v = params.getFirst(field);
                body.put(field, v == null ? "" : v);
                submitted.put(field, v);
            }
        }
        try {
            CompanyUpdate u = bodies.read(body, CompanyUpdate.class, null);
            service.update(acct, body, u);
        } catch (ProblemException e) {
            if (e.getStatusCode().value() != 422) {
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
            }
            response.setStatus(422);
            Map<String, Object> form = formValues(company);
            form.putAll(submitted);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("editing", true);
            return detailView(acct, company, model);
        }
        return "redirect:/companies/" + org.springframework.web.util.UriUtils.encodePathSegment(acct, java.nio.charset.StandardCharsets.UTF_8)
                + "?saved=1";
    }

    /** Adds a location (same rules as POST /companies/{acct}/locations); errors re-render the page by field. */
    @PostMapping("/companies/{acct}/locations/add")
    @PreAuthorize(Access.TECH_USER)
    public String addLocation(@PathVariable String acct, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String address, @RequestParam(name = "phone_number", defaultValue = "") String phone,
            Model model, HttpServletResponse response) {
        Map<String, Object> company = load(acct);
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isBlank()) {
            errors.put("location_name", "must not be blank");
        } else if (name.trim().length() > 150) {
            errors.put("location_name", "must be at most 150 characters");
        }
        if (address.isBlank()) {
            errors.put("location_address", "must not be blank");
        } else if (address.trim().length() > 255) {
            errors.put("location_address", "must be at most 255 characters");
        }
        if (phone.trim().length() > 50) {
            errors.put("location_phone_number", "must be at most 50 characters");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("form", formValues(company));
            model.addAttribute("errors", errors);
            model.addAttribute("location", Map.of("name", name, "address", address, "phone_number", phone));
            return detailView(acct, company, model);
        }
        jdbc.sql("INSERT INTO locations (name, address, phone_number, company_account_number) VALUES (?, ?, ?, ?)")
                .params(name.trim(), address.trim(), Bodies.blankToNull(phone), acct).update();
        return "redirect:/companies/" + org.springframework.web.util.UriUtils.encodePathSegment(acct, java.nio.charset.StandardCharsets.UTF_8)
                + "#locations";
    }

    @PostMapping("/companies/{acct}/locations/{id}/delete")
    @PreAuthorize(Access.TECH_USER)
    public String deleteLocation(@PathVariable String acct, @PathVariable long id) {
        load(acct);
        if (jdbc.sql("DELETE FROM locations WHERE id = ? AND company_account_number = ?").params(id, acct).update() == 0) {
            throw ProblemException.notFound("Location " + id + " not found for company " + acct);
        }
        return "redirect:/companies/" + org.springframework.web.util.UriUtils.encodePathSegment(acct, java.nio.charset.StandardCharsets.UTF_8)
                + "#locations";
    }

    private Map<String, Object> load(String acct) {
        return jdbc.sql("SELECT c.* FROM companies c WHERE c.account_number = ?").param(acct).query(Rows.MAP).optional()
                .orElseThrow(() -> ProblemException.notFound("Company " + acct + " not found"));
    }

    private String detailView(String acct, Map<String, Object> company, Model model) {
        model.addAttribute("company", company);
        model.addAttribute("domains", domainList(company.get("domains")));
        model.addAttribute("contacts", jdbc.sql("""
                SELECT ct.id, ct.name, ct.email, ct.job_title, coalesce(ct.work_phone_number, ct.mobile_phone_number) AS phone, ct.active
                FROM contacts ct JOIN contact_company_link l ON l.contact_id = ct.id
                WHERE l.company_account_number = ? ORDER BY lower(ct.name), ct.id""").param(acct).query(Rows.MAP).list());
        model.addAttribute("assets", jdbc.sql("""
                SELECT a.id, a.hostname, a.hardware_type, a.operating_system, a.online, a.last_seen
                FROM assets a WHERE a.company_account_number = ? ORDER BY lower(a.hostname), a.id""").param(acct).query(Rows.MAP).list());
        model.addAttribute("locations", queries.locations(acct));
        if (!model.containsAttribute("location")) {
            model.addAttribute("location", Map.of("name", "", "address", "", "phone_number", ""));
        }
        model.addAttribute("tickets", jdbc.sql("""
                SELECT t.id, t.external_id, t.subject, t.status, t.priority, t.last_updated_at FROM ticket_details t
                WHERE t.company_account_number = ? AND t.status NOT IN ('spam', 'trash', 'deleted')
                ORDER BY t.last_updated_at DESC NULLS LAST LIMIT 10""").param(acct).query(Rows.MAP).list());
        List<String> plans = new ArrayList<>(List.of("Inactive"));
        plans.addAll(jdbc.sql("SELECT DISTINCT plan_name FROM billing_plans ORDER BY plan_name").query(String.class).list());
        model.addAttribute("selects", List.of(
                select("billing_plan", "Plan", plans, true),
                select("contract_term_length", "Contract term", TERMS, true),
                select("support_level", "Support level", List.of("Billed Hourly", "Unlimited"), true),
                select("compliance_level", "Compliance level", List.of("standard", "cjis", "hipaa"), false),
                select("email_system", "Email system", EMAIL_SYSTEMS, true),
                select("phone_system", "Phone system", PHONE_SYSTEMS, true)));
        return "company/detail";
    }

    private static Map<String, Object> select(String field, String label, List<String> options, boolean blank) {
        return Map.of("field", field, "label", label, "options", options, "blank", blank);
    }

    static Map<String, Object> formValues(Map<String, Object> company) {
        Map<String, Object> form = new LinkedHashMap<>();
        for (String f : FORM_FIELDS) {
            Object v = "billing_plan".equals(f) ? company.get("plan_selected") : company.get(f);
            form.put(f, v == null ? "" : v.toString());
        }
        form.put("domains", String.join("\n", domainList(company.get("domains"))));
        return form;
    }

    static List<String> domainList(Object json) {
        if (json == null || json.toString().isBlank()) {
            return List.of();
        }
        try {
            return Rows.JSON.readTree(json.toString()).valueStream().map(n -> n.asString()).toList();
        } catch (RuntimeException e) {
            return List.of(json.toString());
        }
    }
}
