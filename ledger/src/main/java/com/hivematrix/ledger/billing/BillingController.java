package com.hivematrix.ledger.billing;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.dashboard.DashboardService;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;

import tools.jackson.databind.JsonNode;

/** The billing JSON API (§A3): one bill, the dashboard (one bulk fetch), plans. */
@RestController
@PreAuthorize(Access.BILLING)
public class BillingController {

    private final BillingService billing;
    private final DashboardService dashboard;
    private final Clock clock;

    public BillingController(BillingService billing, DashboardService dashboard, Clock clock) {
        this.billing = billing;
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @GetMapping("/api/billing/{acct}")
    public Map<String, Object> bill(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        YearMonth period = Periods.of(year, month, clock);
        return BillView.of(billing.bill(acct, period));
    }

    /** Every company's bill from ONE Codex bulk call; see {@link DashboardService}. */
    @GetMapping("/api/billing/dashboard")
    public Map<String, Object> dashboard(@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
        return dashboard.compute(Periods.of(year, month, clock)).toJson();
    }

    @GetMapping("/api/plans")
    public List<Map<String, Object>> plans() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode p : billing.codex().rawPlans()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.path("id").asLong());
            m.put("billing_plan", p.path("plan_name").asString());
            m.put("term_length", p.path("term_length").asString());
            m.put("support_level", p.path("support_level").asString());
            for (String k : List.of("per_user_cost", "per_workstation_cost", "per_server_cost")) {
                m.put(k, p.path(k).isNumber() ? p.path(k).decimalValue() : null);
            }
            out.add(m);
        }
        return out;
    }
}
