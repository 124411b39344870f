package com.hivematrix.ledger.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.PlanCatalog;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Every company's bill from ONE Codex bulk call, shared by the dashboard API and the dashboard
 * page. Companies on the "inactive" plan are left out (as in the original); a company whose plan
 * cannot be resolved, or whose bill fails, is listed with {@code error} instead of vanishing.
 */
@Service
public class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

    private final BillingService billing;

    public DashboardService(BillingService billing) {
        this.billing = billing;
    }

    public record Dashboard(YearMonth period, List<Map<String, Object>> rows, int problems) {

        public BigDecimal total() {
            return rows.stream().map(r -> (BigDecimal) r.get("total_bill")).filter(t -> t != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("billing_period", period.toString());
            body.put("companies", rows);
            if (problems > 0) {
                body.put("warning", problems + " compan" + (problems == 1 ? "y" : "ies") + " could not be billed; see their error");
            }
            return body;
        }
    }

    public Dashboard compute(YearMonth period) {
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
                row.put("contract_expiring_soon", b.contract().expiringSoon());
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
                String reason = e instanceof ProblemException p && p.getBody().getDetail() != null
                        ? p.getBody().getDetail() : "Bill could not be calculated";
                if (!(e instanceof ProblemException)) {
                    log.warn("Bill of {} failed for {}", acct, period, e);
                }
                row.put("support_level", c.company().supportLevel());
                row.put("total_bill", null);
                row.put("hours", hours.setScale(2, RoundingMode.HALF_UP));
                row.put("error", reason);
            }
            rows.add(row);
        }
        return new Dashboard(period, rows, problems);
    }
}
