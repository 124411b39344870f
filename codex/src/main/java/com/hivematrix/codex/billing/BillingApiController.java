package com.hivematrix.codex.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hivematrix.codex.company.ContractTerms;
import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.Rows;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Billing plan and feature APIs (spec §2.8); /billing-plans/api/* is what Ledger reads. */
@RestController
@Tag(name = "Billing plans")
public class BillingApiController {

    private final BillingService billing;
    private final JdbcClient jdbc;
    private final Bodies bodies;

    public BillingApiController(BillingService billing, JdbcClient jdbc, Bodies bodies) {
        this.billing = billing;
        this.jdbc = jdbc;
        this.bodies = bodies;
    }

    @GetMapping("/api/billing-plans")
    public List<Map<String, Object>> legacyPlans(@RequestParam(name = "plan_name", required = false) String name,
            @RequestParam(name = "term_length", required = false) String term) {
        return billing.dynamicPlans(name, term).stream().map(BillingService::legacy).toList();
    }

    @GetMapping("/api/billing-plans/{id:\\d+}")
    public ResponseEntity<?> legacyPlan(@PathVariable long id) {
        return byId(id).<ResponseEntity<?>>map(p -> ResponseEntity.ok(BillingService.legacy(p)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Plan not found")));
    }

    private java.util.Optional<Map<String, Object>> byId(long id) {
        return billing.plans().findById(id).flatMap(p -> billing.dynamicPlans(p.getPlanName(), p.getTermLength()).stream().findFirst());
    }

    @PostMapping("/api/billing-plans")
    @PreAuthorize(Access.ADMIN)
    public ResponseEntity<?> create(@RequestBody(required = false) JsonNode raw) {
        PlanInput in = bodies.read(raw, PlanInput.class, "plan_name and term_length are required");
        BillingPlan p = billing.create(in);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", p.getId(), "message", "Billing plan created successfully"));
    }

    @PutMapping("/api/billing-plans/{id:\\d+}")
    @PreAuthorize(Access.ADMIN)
    public ResponseEntity<?> update(@PathVariable long id, @RequestBody(required = false) JsonNode raw) {
        PlanInput in = bodies.read(raw, PlanInput.class, null);
        BillingPlan p = billing.update(id, in, raw);
        if (p == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Plan not found"));
        }
        return ResponseEntity.ok(Map.of("id", p.getId(), "message", "Billing plan updated successfully"));
    }

    @GetMapping("/api/billing-plans/{name}/{term}")
    public ResponseEntity<?> byNameAndTerm(@PathVariable String name, @PathVariable String term) {
        return billing.dynamicPlans(name, term).stream().findFirst().<ResponseEntity<?>>map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.get("id"));
            m.put("plan_name", p.get("plan_name"));
            m.put("term_length", p.get("term_length"));
            m.put("support_level", p.get("support_level"));
            m.put("features", p.get("features"));
            return ResponseEntity.ok(m);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Plan not found")));
    }

    @GetMapping("/api/feature-options")
    public List<Map<String, Object>> featureOptions(@RequestParam(name = "feature_type", required = false) String type,
            @RequestParam(required = false) String category) {
        String cat = type != null ? type : category;
        return jdbc.sql("""
                SELECT id, feature_category AS feature_type, feature_category, coalesce(display_name, option_value) AS display_name,
                       option_value, description FROM feature_options""" + (cat == null ? "" : " WHERE feature_category = :c")
                + " ORDER BY feature_category, option_value").params(cat == null ? Map.of() : Map.of("c", cat)).query(Rows.MAP).list();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionInput(@Size(max = 100) String feature_type, @Size(max = 100) String category,
            @Size(max = 150) String display_name, @Size(max = 100) String value, String description) {
    }

    @PostMapping("/api/feature-options")
    @PreAuthorize(Access.ADMIN)
    @Transactional
    public ResponseEntity<?> addOption(@RequestBody(required = false) JsonNode raw) {
        OptionInput in = bodies.read(raw, OptionInput.class, null);
        String cat = Bodies.blankToNull(in.feature_type() != null ? in.feature_type() : in.category());
        String value = Bodies.blankToNull(in.value() != null ? in.value() : in.display_name());
        List<Map<String, String>> errors = new ArrayList<>();
        if (cat == null) errors.add(Map.of("field", "feature_type", "message", "is required"));
        if (value == null) errors.add(Map.of("field", "display_name", "message", "is required"));
        if (!errors.isEmpty()) {
            throw Bodies.unprocessable("feature_type and display_name are required", errors);
        }
        var existing = billing.options().findByFeatureCategoryAndOptionValue(cat, value);
        if (existing.isPresent()) {
            return ResponseEntity.ok(Map.of("message", "Feature already exists", "id", existing.get().getId()));
        }
        FeatureOption o = new FeatureOption();
        o.setFeatureCategory(cat);
        o.setOptionValue(value);
        o.setDisplayName(in.display_name() != null ? in.display_name().trim() : value);
        o.setDescription(Bodies.blankToNull(in.description()));
        billing.options().save(o);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", o.getId(), "message", "Feature option created successfully"));
    }

    @GetMapping("/billing-plans/api/plans")
    @Operation(summary = "Ledger's main source: every plan x term with features and display names")
    public Map<String, Object> plans() {
        Map<String, String> names = billing.featureDisplayNames();
        List<Map<String, Object>> plans = billing.dynamicPlans(null, null);
        for (Map<String, Object> p : plans) {
            p.remove("billing_plan");
            Map<String, Object> display = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) p.get("features");
            f.keySet().forEach(k -> display.put(k, names.getOrDefault(k, BillingService.titleCase(k))));
            p.put("feature_display_names", display);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("plans", plans);
        body.put("count", plans.size());
        return body;
    }

    @GetMapping("/billing-plans/api/plans/{name}/{term}")
    public ResponseEntity<?> plan(@PathVariable String name, @PathVariable String term) {
        return billing.dynamicPlans(name, term).stream().findFirst().<ResponseEntity<?>>map(p -> {
            p.remove("billing_plan");
            return ResponseEntity.ok(Map.of("status", "success", "plan", p));
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("status", "error", "message", "Plan not found: " + name + " (" + term + ")")));
    }

    @GetMapping("/billing-plans/api/feature-options")
    public Map<String, Object> groupedOptions() {
        Map<String, List<Map<String, Object>>> grouped = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, feature_category AS category, option_value AS value, coalesce(display_name, option_value) AS display_name,
                       description FROM feature_options ORDER BY feature_category, option_value""").query(Rows.MAP).list()
                .forEach(o -> grouped.computeIfAbsent((String) o.get("category"), k -> new ArrayList<>()).add(o));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("features", grouped);
        body.put("categories", new ArrayList<>(grouped.keySet()));
        return body;
    }

    @GetMapping("/billing-plans/api/feature-categories")
    public Map<String, Object> categories() {
        List<String> cats = billing.categories();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("categories", cats);
        body.put("count", cats.size());
        return body;
    }

    @GetMapping("/billing-plans/api/bulk-plans")
    @Operation(summary = "DEPRECATED: plans referenced by companies, keyed '<plan>|<term>'", deprecated = true)
    public Map<String, Object> bulkPlans() {
        Map<String, Object> out = new LinkedHashMap<>();
        jdbc.sql("SELECT DISTINCT plan_selected, coalesce(contract_term_length, 'Month to Month') FROM companies WHERE plan_selected IS NOT NULL")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().forEach(pt ->
                        billing.dynamicPlans(pt[0], pt[1]).stream().findFirst().ifPresent(p -> {
                            Map<String, Object> legacy = BillingService.legacy(p);
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("plan_name", legacy.get("plan_name"));
                            m.put("term_length", legacy.get("term_length"));
                            m.put("support_level", legacy.get("support_level"));
                            BillingService.LEGACY_FEATURES.forEach(k -> m.put(k, legacy.get(k)));
                            out.put(pt[0] + "|" + pt[1], m);
                        }));
        return Map.of("plans", out);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewPlan(@NotBlank @Size(max = 100) String plan_name) {
    }

    @PostMapping("/billing-plans/api/create")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Create a plan with the four standard terms and the original's default rates")
    public ResponseEntity<?> createWithTerms(@RequestBody(required = false) JsonNode raw) {
        NewPlan in = bodies.read(raw, NewPlan.class, null);
        List<BillingPlan> created = billing.createWithDefaultTerms(in.plan_name().trim());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", true, "ids", created.stream().map(BillingPlan::getId).toList(),
                "terms", ContractTerms.ALL));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CopyTerms(@NotBlank String plan_name, @NotBlank String source_term) {
    }

    @PostMapping("/billing-plans/api/copy-terms")
    @PreAuthorize(Access.ADMIN)
    public Map<String, Object> copyTerms(@RequestBody(required = false) JsonNode raw) {
        CopyTerms in = bodies.read(raw, CopyTerms.class, null);
        int n = billing.copyTerms(in.plan_name(), in.source_term());
        return Map.of("success", true, "updated", n);
    }

    @GetMapping("/billing-plans/export")
    @PreAuthorize(Access.ADMIN)
    public ResponseEntity<String> export() {
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Map<String, Object> p : billing.dynamicPlans(null, null)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan_name", p.get("plan_name"));
            m.put("term_length", p.get("term_length"));
            for (String c : BillingService.COSTS) {
                m.put(c, p.get(c));
            }
            m.put("support_level", p.get("support_level"));
            m.put("features", p.get("features"));
            plans.add(m);
        }
        List<Map<String, Object>> options = jdbc.sql("SELECT feature_category, option_value, display_name FROM feature_options ORDER BY 1, 2")
                .query(Rows.MAP).list();
        String json = Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("plans", plans, "feature_options", options));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=billing_plans_export.json").body(json);
    }

    @PostMapping(path = "/billing-plans/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Access.ADMIN)
    public Map<String, Object> importFile(@RequestParam("json_file") MultipartFile file) throws java.io.IOException {
        return importJson(new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/billing-plans/api/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(Access.ADMIN + " or hasRole('SERVICE')")
    @Operation(summary = "Import plans and options in the export format; existing (name, term) and (category, value) are skipped")
    public Map<String, Object> importBody(@RequestBody String json) {
        return importJson(json);
    }

    /** Skip-existing import of the export format; each plan and option is written on its own (no all-or-nothing). */
    public Map<String, Object> importJson(String json) {
        JsonNode root;
        try {
            root = Rows.JSON.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw Bodies.error(HttpStatus.BAD_REQUEST, "Invalid JSON file");
        }
        if (root == null || !root.has("plans") || !root.has("feature_options")) {
            throw Bodies.error(HttpStatus.BAD_REQUEST, "Invalid JSON format: expected 'plans' and 'feature_options'");
        }
        int optImported = 0, optSkipped = 0, planImported = 0, planSkipped = 0;
        List<String> errors = new ArrayList<>();
        for (JsonNode o : root.get("feature_options")) {
            String cat = o.path("feature_category").asString(null);
            String val = o.path("option_value").asString(null);
            if (cat == null || val == null || cat.isBlank() || val.isBlank()) {
                errors.add("Feature option without feature_category/option_value");
                continue;
            }
            if (billing.options().findByFeatureCategoryAndOptionValue(cat, val).isPresent()) {
                optSkipped++;
                continue;
            }
            FeatureOption fo = new FeatureOption();
            fo.setFeatureCategory(cat);
            fo.setOptionValue(val);
            fo.setDisplayName(o.path("display_name").asString(val));
            billing.options().saveAndFlush(fo);
            optImported++;
        }
        for (JsonNode p : root.get("plans")) {
            try {
                PlanInput in = Rows.JSON.treeToValue(p, PlanInput.class);
                if (in.plan_name() == null || in.term_length() == null) {
                    errors.add("Plan without plan_name/term_length");
                    continue;
                }
                if (billing.plans().existsByPlanNameAndTermLength(in.plan_name().trim(), ContractTerms.normalize(in.term_length()))) {
                    planSkipped++;
                    continue;
                }
                billing.create(in);
                planImported++;
            } catch (RuntimeException e) {
                errors.add("Plan " + p.path("plan_name").asString("?") + ": " + e.getMessage());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("plans", Map.of("imported", planImported, "skipped", planSkipped));
        body.put("feature_options", Map.of("imported", optImported, "skipped", optSkipped));
        body.put("errors", errors);
        return body;
    }
}
