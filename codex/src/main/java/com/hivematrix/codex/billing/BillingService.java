package com.hivematrix.codex.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.hivematrix.codex.company.ContractTerms;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.problem.ProblemException;

/** Billing plans (plan x term), their dynamic features and feature options (spec §2.8, §4.8). */
@Service
public class BillingService {

    public static final List<String> LEGACY_FEATURES = List.of("antivirus", "soc", "password_manager", "sat", "email_security", "network_management");
    public static final String NOT_INCLUDED = "Not Included";
    public static final String[] COSTS = {"per_user_cost", "per_workstation_cost", "per_server_cost", "per_vm_cost", "per_switch_cost",
        "per_firewall_cost", "per_hour_ticket_cost", "backup_base_fee_workstation", "backup_base_fee_server", "backup_included_tb",
        "backup_per_tb_fee"};

    static final String PLAN_COLUMNS = "p.id, p.plan_name, p.plan_name AS billing_plan, p.term_length, p.support_level, "
            + String.join(", ", java.util.Arrays.stream(COSTS).map(c -> "p." + c).toList());

    private final JdbcClient jdbc;
    private final BillingPlanRepository plans;
    private final PlanFeatureRepository features;
    private final FeatureOptionRepository options;

    public BillingService(JdbcClient jdbc, BillingPlanRepository plans, PlanFeatureRepository features, FeatureOptionRepository options) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.features = features;
        this.options = options;
    }

    /** Plans with their features, optionally filtered; ordered by name, term. */
    public List<Map<String, Object>> dynamicPlans(String name, String term) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (name != null && !name.isBlank()) {
            where.append(" AND p.plan_name = :n");
            params.put("n", name);
        }
        if (term != null && !term.isBlank()) {
            where.append(" AND p.term_length = :t");
            params.put("t", ContractTerms.normalize(term));
        }
        List<Map<String, Object>> rows = jdbc.sql("SELECT " + PLAN_COLUMNS + " FROM billing_plans p" + where + " ORDER BY p.plan_name, p.term_length")
                .params(params).query(Rows.MAP).list();
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            r.put("features", new TreeMap<String, Object>());
            byId.put(((Number) r.get("id")).longValue(), r);
        }
        if (!byId.isEmpty()) {
            jdbc.sql("SELECT plan_id, feature_type, feature_value FROM plan_features WHERE plan_id IN (:ids)").param("ids", byId.keySet())
                    .query((rs, n) -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> f = (Map<String, Object>) byId.get(rs.getLong(1)).get("features");
                        f.put(rs.getString(2), rs.getString(3));
                        return null;
                    }).list();
        }
        return new ArrayList<>(byId.values());
    }

    /** The legacy shape: the six legacy feature keys as top-level fields, derived from plan_features. */
    public static Map<String, Object> legacy(Map<String, Object> dynamic) {
        Map<String, Object> m = new LinkedHashMap<>(dynamic);
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) m.remove("features");
        for (String key : LEGACY_FEATURES) {
            m.put(key, f.getOrDefault(key, NOT_INCLUDED));
        }
        return m;
    }

    public Map<String, String> featureDisplayNames() {
        Map<String, String> names = new TreeMap<>();
        jdbc.sql("SELECT DISTINCT feature_category FROM feature_options").query(String.class).list()
                .forEach(k -> names.put(k, titleCase(k)));
        jdbc.sql("SELECT feature_key, display_name FROM feature_category_config").query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        return names;
    }

    public static String titleCase(String key) {
        StringBuilder sb = new StringBuilder();
        for (String w : key.split("_")) {
            if (!w.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }

    public List<String> categories() {
        return jdbc.sql("SELECT DISTINCT feature_category FROM feature_options ORDER BY 1").query(String.class).list();
    }

    @Transactional
    public BillingPlan create(PlanInput in) {
        String name = in.plan_name() != null ? in.plan_name().trim() : in.billing_plan() == null ? null : in.billing_plan().trim();
        List<Map<String, String>> missing = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            missing.add(Map.of("field", "plan_name", "message", "is required"));
        }
        if (in.term_length() == null) {
            missing.add(Map.of("field", "term_length", "message", "is required"));
        }
        if (!missing.isEmpty()) {
            throw com.hivematrix.codex.web.Bodies.unprocessable("plan_name and term_length are required", missing);
        }
        String term = ContractTerms.normalize(in.term_length());
        if (plans.existsByPlanNameAndTermLength(name, term)) {
            throw conflict(name, term);
        }
        BillingPlan p = new BillingPlan();
        p.setPlanName(name);
        p.setTermLength(term);
        p.setSupportLevel("Billed Hourly");
        for (String c : COSTS) {
            setCost(p, c, c.equals("backup_included_tb") ? new BigDecimal("1.00") : BigDecimal.ZERO);
        }
        apply(p, in, null);
        plans.saveAndFlush(p);
        Map<String, String> f = new LinkedHashMap<>();
        for (String key : LEGACY_FEATURES) {
            f.put(key, NOT_INCLUDED);
        }
        f.putAll(legacyFeatureInput(in));
        setFeatures(p.getId(), f);
        return p;
    }

    @Transactional
    public BillingPlan update(long id, PlanInput in, tools.jackson.databind.JsonNode raw) {
        BillingPlan p = plans.findById(id).orElse(null);
        if (p == null) {
            return null;
        }
        String newName = in.plan_name() != null ? in.plan_name().trim() : in.billing_plan() != null ? in.billing_plan().trim() : p.getPlanName();
        String newTerm = in.term_length() != null ? ContractTerms.normalize(in.term_length()) : p.getTermLength();
        if ((!newName.equals(p.getPlanName()) || !newTerm.equals(p.getTermLength())) && plans.existsByPlanNameAndTermLength(newName, newTerm)) {
            throw conflict(newName, newTerm);
        }
        p.setPlanName(newName);
        p.setTermLength(newTerm);
        apply(p, in, raw);
        plans.saveAndFlush(p);
        setFeatures(p.getId(), legacyFeatureInput(in));
        return p;
    }

    static ProblemException conflict(String name, String term) {
        ProblemException e = ProblemException.conflict("Plan '" + name + "' with term '" + term + "' already exists");
        e.getBody().setProperty("error", "Billing plan with this name and term already exists");
        return e;
    }

    private static Map<String, String> legacyFeatureInput(PlanInput in) {
        Map<String, String> f = new LinkedHashMap<>();
        if (in.antivirus() != null) f.put("antivirus", in.antivirus());
        if (in.soc() != null) f.put("soc", in.soc());
        if (in.password_manager() != null) f.put("password_manager", in.password_manager());
        if (in.sat() != null) f.put("sat", in.sat());
        if (in.email_security() != null) f.put("email_security", in.email_security());
        if (in.network_management() != null) f.put("network_management", in.network_management());
        if (in.features() != null) {
            in.features().forEach((k, v) -> {
                if (k != null && !k.isBlank() && v != null) f.put(k.trim(), v);
            });
        }
        return f;
    }

    private static void apply(BillingPlan p, PlanInput in, tools.jackson.databind.JsonNode raw) {
        if (in.support_level() != null && !in.support_level().isBlank()) p.setSupportLevel(in.support_level().trim());
        BigDecimal[] values = {in.per_user_cost(), in.per_workstation_cost(), in.per_server_cost(), in.per_vm_cost(), in.per_switch_cost(),
            in.per_firewall_cost(), in.per_hour_ticket_cost(), in.backup_base_fee_workstation(), in.backup_base_fee_server(),
            in.backup_included_tb(), in.backup_per_tb_fee()};
        for (int i = 0; i < COSTS.length; i++) {
            if (values[i] != null) setCost(p, COSTS[i], values[i]);
        }
    }

    public static void setCost(BillingPlan p, String field, BigDecimal v) {
        switch (field) {
            case "per_user_cost" -> p.setPerUserCost(v);
            case "per_workstation_cost" -> p.setPerWorkstationCost(v);
            case "per_server_cost" -> p.setPerServerCost(v);
            case "per_vm_cost" -> p.setPerVmCost(v);
            case "per_switch_cost" -> p.setPerSwitchCost(v);
            case "per_firewall_cost" -> p.setPerFirewallCost(v);
            case "per_hour_ticket_cost" -> p.setPerHourTicketCost(v);
            case "backup_base_fee_workstation" -> p.setBackupBaseFeeWorkstation(v);
            case "backup_base_fee_server" -> p.setBackupBaseFeeServer(v);
            case "backup_included_tb" -> p.setBackupIncludedTb(v);
            case "backup_per_tb_fee" -> p.setBackupPerTbFee(v);
            default -> throw new IllegalArgumentException(field);
        }
    }

    public static BigDecimal getCost(BillingPlan p, String field) {
        return switch (field) {
            case "per_user_cost" -> p.getPerUserCost();
            case "per_workstation_cost" -> p.getPerWorkstationCost();
            case "per_server_cost" -> p.getPerServerCost();
            case "per_vm_cost" -> p.getPerVmCost();
            case "per_switch_cost" -> p.getPerSwitchCost();
            case "per_firewall_cost" -> p.getPerFirewallCost();
            case "per_hour_ticket_cost" -> p.getPerHourTicketCost();
            case "backup_base_fee_workstation" -> p.getBackupBaseFeeWorkstation();
            case "backup_base_fee_server" -> p.getBackupBaseFeeServer();
            case "backup_included_tb" -> p.getBackupIncludedTb();
            case "backup_per_tb_fee" -> p.getBackupPerTbFee();
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Transactional
    public void setFeatures(Long planId, Map<String, String> values) {
        values.forEach((type, value) -> {
            PlanFeature f = features.findByPlanIdAndFeatureType(planId, type).orElseGet(PlanFeature::new);
            f.setPlanId(planId);
            f.setFeatureType(type);
            f.setFeatureValue(value == null || value.isBlank() ? NOT_INCLUDED : value.trim());
            features.save(f);
        });
    }

    /** Creates the four standard terms of a new plan with the original's defaults (90/25/50/1.0/15.0). */
    @Transactional
    public List<BillingPlan> createWithDefaultTerms(String name) {
        List<BillingPlan> created = new ArrayList<>();
        for (String term : ContractTerms.ALL) {
            if (plans.existsByPlanNameAndTermLength(name, term)) {
                throw conflict(name, term);
            }
            BillingPlan p = new BillingPlan();
            p.setPlanName(name);
            p.setTermLength(term);
            p.setSupportLevel("Billed Hourly");
            for (String c : COSTS) {
                setCost(p, c, BigDecimal.ZERO);
            }
            p.setPerHourTicketCost(new BigDecimal("90.00"));
            p.setBackupBaseFeeWorkstation(new BigDecimal("25.00"));
            p.setBackupBaseFeeServer(new BigDecimal("50.00"));
            p.setBackupIncludedTb(new BigDecimal("1.00"));
            p.setBackupPerTbFee(new BigDecimal("15.00"));
            plans.saveAndFlush(p);
            Map<String, String> f = new LinkedHashMap<>();
            categories().forEach(cat -> f.put(cat, NOT_INCLUDED));
            setFeatures(p.getId(), f);
            created.add(p);
        }
        return created;
    }

    /** Copies rates, support level and dynamic features from one term to the plan's other terms. */
    @Transactional
    public int copyTerms(String name, String sourceTerm) {
        BillingPlan source = plans.findByPlanNameAndTermLength(name, ContractTerms.normalize(sourceTerm))
                .orElseThrow(() -> ProblemException.notFound("Plan not found: " + name + " (" + sourceTerm + ")"));
        Map<String, String> f = new LinkedHashMap<>();
        features.findByPlanId(source.getId()).forEach(pf -> f.put(pf.getFeatureType(), pf.getFeatureValue()));
        int n = 0;
        for (BillingPlan p : plans.findByPlanNameOrderByTermLength(name)) {
            if (p.getId().equals(source.getId())) {
                continue;
            }
            p.setSupportLevel(source.getSupportLevel());
            for (String c : COSTS) {
                setCost(p, c, getCost(source, c));
            }
            setFeatures(p.getId(), f);
            n++;
        }
        return n;
    }

    public FeatureOptionRepository options() {
        return options;
    }

    public BillingPlanRepository plans() {
        return plans;
    }
}
