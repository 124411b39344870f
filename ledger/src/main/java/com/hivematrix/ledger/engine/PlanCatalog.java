package com.hivematrix.ledger.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Codex's plans keyed by (name, canonical term); resolution of a company's plan (§A6 step 1). */
public final class PlanCatalog {

    private final Map<String, Inputs.Plan> byKey = new LinkedHashMap<>();

    public PlanCatalog(Collection<Inputs.Plan> plans) {
        for (Inputs.Plan p : plans) {
            byKey.put(key(p.planName(), p.termLength()), p);
        }
    }

    public Collection<Inputs.Plan> all() {
        return byKey.values();
    }

    /** The plan in force, or the reason there is none (shown on the dashboard instead of dropping the company). */
    public record Resolution(Inputs.Plan plan, String planName, String term, String problem) {
        public boolean resolved() {
            return plan != null;
        }
    }

    public Resolution resolve(Inputs.Company company, Inputs.ClientOverride override) {
        String term = ContractTerms.normalize(company.contractTermLength());
        if (term == null) {
            term = ContractTerms.MONTH_TO_MONTH;
        }
        String name = override != null && override.billingPlan() != null && !override.billingPlan().isBlank()
                ? override.billingPlan().trim()
                : company.billingPlan() == null ? null : company.billingPlan().trim();
        if (name == null || name.isEmpty()) {
            return new Resolution(null, null, term, "Company has no billing plan");
        }
        Inputs.Plan plan = byKey.get(key(name, term));
        return plan != null ? new Resolution(plan, name, term, null)
                : new Resolution(null, name, term, "Plan not found: " + name + " (" + term + ")");
    }

    /** The original hides companies on the "inactive" plan from the dashboard; so does the rebuild. */
    public static boolean isInactivePlan(String planName) {
        return planName != null && planName.trim().equalsIgnoreCase("inactive");
    }

    private static String key(String name, String term) {
        return name.trim().toLowerCase(Locale.ROOT) + "|" + ContractTerms.normalize(term);
    }
}
