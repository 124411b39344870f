package com.hivematrix.ledger.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.PlanCatalog;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;

import tools.jackson.databind.JsonNode;

/** The billing JSON API (§A3): one bill, the dashboard (one bulk fetch), plans. */
@RestController
@PreAuthorize(Access.BILLING)
public class BillingController {

    private static final Logger log = LoggerFactory.getLogger(BillingController.class);

    private final BillingService billing;
    private final Clock clock;

    public BillingController(BillingService billing, Clock clock) {
        this.billing = billing;
        this.clock = clock;
    }

    @GetMapping("/api/billing/{acct}")
    public Map<String, Object> bill(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        YearMonth period = Periods.of(year, month, clock);
        return BillView.of(billing.bill(acct, period));
    }

    /**
     * Every company's bill from ONE Codex bulk call. Companies on the "inactive" plan are left out
     * (as in the original); a company whose plan cannot be resolved, or whose bill fails, is listed
     * with {@code error} instead of vanishing or breaking the page.
     */
    @GetMapping("/api/billing/dashboard")
    public Map<String, Object> dashboard(@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
        YearMonth period = Periods.of(year, month, clock);
        BillingService.Batch batch = billing.batch(period);
        List<Map<String, Object>> rows = new ArrayList<>();
        int problems = 0;
        for (CompanyData c : batch.companies()) {
            String acct = c.company().accountNumber();
            var adj = batch.adjustmentsOf(acct);
            PlanCatalog.Resolution r = batch.catalog().resolve(c.company(), adj.client());
            if (PlanCatalog.isInactivePlan(r.planName())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account_number", acct);
            row.put("name", c.company().name());
            row.put("billing_plan", r.planName());
            row.put("contract_term_length", r.term());
            BigDecimal hours = BigDecimal.ZERO;
            for (var t : c.tickets()) {
                String ts = t.lastUpdatedAt();
                if (ts != null && ts.startsWith(String.valueOf(period.getYear()))) {
                    hours = hours.add(t.hours());
                }
            }
            try {
                Bill b = billing.calculate(c, batch.catalog(), adj, period);
                row.put("support_level", b.supportLevel());
                row.put("contract_end_date", b.contract().endDisplay());
                row.put("contract_expired", b.contract().expired());
                row.put("total_bill", b.total());
                row.put("workstations", b.quantities().getOrDefault("workstation", 0));
                row.put("servers", b.quantities().getOrDefault("server", 0));
                row.put("vms", b.quantities().getOrDefault("vm", 0));
                row.put("users", b.quantities().getOrDefault("regular_users", 0));
                row.put("backup", b.backup().totalTb().setScale(2, RoundingMode.HALF_UP));
                row.put("hours", hours.setScale(2, RoundingMode.HALF_UP));
                row.put("warnings", b.warnings());
                row.put("error", null);
            } catch (RuntimeException e) {
                problems++;
                String reason = e instanceof com.hivematrix.shared.problem.ProblemException p && p.getBody().getDetail() != null
                        ? p.getBody().getDetail() : "Bill could not be calculated";
                if (!(e instanceof com.hivematrix.shared.problem.ProblemException)) {
                    log.warn("Bill of {} failed for {}", acct, period, e);
                }
                row.put("support_level", c.company().supportLevel());
                row.put("total_bill", null);
                row.put("hours", hours.setScale(2, RoundingMode.HALF_UP));
                row.put("error", reason);
            }
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("billing_period", period.toString());
        body.put("companies", rows);
        if (problems > 0) {
            body.put("warning", problems + " compan" + (problems == 1 ? "y" : "ies") + " could not be billed; see their error");
        }
        return body;
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

    static YearMonth currentMonth(Clock clock) {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }
}
