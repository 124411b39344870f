package com.hivematrix.ledger.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.hivematrix.ledger.codex.CodexClient;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.BillingEngine;
import com.hivematrix.ledger.engine.BillingRules;
import com.hivematrix.ledger.engine.Inputs;
import com.hivematrix.ledger.engine.PlanCatalog;
import com.hivematrix.ledger.override.AdjustmentRepository;
import com.hivematrix.shared.problem.ProblemException;

/** Fetches Codex's data and Ledger's adjustments and runs the one engine over them. */
@Service
public class BillingService {

    private final CodexClient codex;
    private final AdjustmentRepository adjustments;
    private final BillingEngine engine;
    private final Clock clock;

    public BillingService(CodexClient codex, AdjustmentRepository adjustments, BillingEngine engine, Clock clock) {
        this.codex = codex;
        this.adjustments = adjustments;
        this.engine = engine;
        this.clock = clock;
    }

    /** Ticket year to ask Codex for: the billed year when the prepaid year is the calendar year, else every ticket. */
    public Integer ticketYear(YearMonth period) {
        return engine.rules().prepaidYear() == BillingRules.PrepaidYear.CALENDAR_YEAR ? period.getYear() : null;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** One company's bill; 404 unknown company, 422 when its plan cannot be resolved. */
    public Bill bill(String acct, YearMonth period) {
        CompanyData data = codex.company(acct, ticketYear(period));
        PlanCatalog catalog = new PlanCatalog(codex.plans());
        Inputs.Adjustments adj = adjustments.forCompany(acct);
        return calculate(data, catalog, adj, period);
    }

    public Bill calculate(CompanyData data, PlanCatalog catalog, Inputs.Adjustments adj, YearMonth period) {
        PlanCatalog.Resolution r = catalog.resolve(data.company(), adj.client());
        if (!r.resolved()) {
            throw ProblemException.unprocessable(r.problem(), List.of(Map.of("field", "billing_plan", "message", r.problem())))
                    .with("error", r.problem());
        }
        return engine.calculate(data.company(), r.plan(), data.assets(), data.contacts(), data.tickets(), adj, period, today());
    }

    /** Everything one bulk run needs, fetched once: every company, every plan, every adjustment. */
    public record Batch(List<CompanyData> companies, PlanCatalog catalog, Map<String, Inputs.Adjustments> adjustments) {
        public Inputs.Adjustments adjustmentsOf(String acct) {
            return AdjustmentRepository.of(adjustments, acct);
        }
    }

    public Batch batch(YearMonth period) {
        List<CompanyData> companies = codex.bulk(ticketYear(period));
        return new Batch(companies, new PlanCatalog(codex.plans()), adjustments.all());
    }

    public CodexClient codex() {
        return codex;
    }
}
