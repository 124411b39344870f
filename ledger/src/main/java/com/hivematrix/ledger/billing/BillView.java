package com.hivematrix.ledger.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.Rate;

/** A bill in the original's JSON shape ({@code /api/billing/<acct>}, §A3), plus the rebuild's extra fields. */
public final class BillView {

    private BillView() {
    }

    public static Map<String, Object> of(Bill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_number", b.company().accountNumber());
        m.put("company_name", b.company().name());
        m.put("billing_period", b.period().toString());
        m.put("receipt", receipt(b));
        m.put("quantities", b.quantities());
        Map<String, Object> rates = new LinkedHashMap<>();
        for (Rate r : Rate.values()) {
            rates.put(r.key(), b.effectiveRates().get(r));
        }
        rates.put("support_level", b.supportLevel());
        m.put("effective_rates", rates);
        m.put("plan_features", b.planFeatures());
        m.put("feature_override_status", b.featureOverrideStatus());
        m.put("billing_plan", b.planName());
        m.put("contract_term", b.termLength());
        m.put("support_level", b.supportLevel());
        m.put("contract_start_date", b.contract().startDate() == null ? null : b.contract().startDate().toString());
        m.put("contract_end_date", b.contract().endDisplay());
        m.put("contract_expired", b.contract().expired());
        m.put("tickets_in_period", b.ticketsInPeriod().stream().map(t -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("ticket_id", t.id());
            x.put("ticket_number", t.ticketNumber());
            x.put("subject", t.subject());
            x.put("last_updated_at", t.lastUpdatedAt());
            x.put("total_hours_spent", t.hours());
            return x;
        }).toList());
        m.put("warnings", b.warnings());
        return m;
    }

    static Map<String, Object> receipt(Bill b) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("billed_assets", lines(b.assets()));
        r.put("billed_users", lines(b.users()));
        r.put("billed_line_items", lines(b.lineItems()));
        r.put("total_user_charges", b.totalUserCharges());
        r.put("total_asset_charges", b.totalAssetCharges());
        r.put("total_line_item_charges", b.totalLineItemCharges());
        r.put("ticket_charge", b.hours().ticketCharge());
        r.put("backup_charge", b.backup().charge());
        r.put("total", b.total());
        r.put("hours_for_billing_period", b.hours().hoursForPeriod());
        r.put("prepaid_hours_monthly", b.hours().prepaidMonthly());
        r.put("prepaid_hours_yearly", b.hours().prepaidYearly());
        r.put("remaining_yearly_hours", b.hours().remainingYearly());
        r.put("billable_hours", b.hours().billableHours());
        r.put("backup_base_workstation", b.backup().baseWorkstation());
        r.put("backup_base_server", b.backup().baseServer());
        r.put("total_backup_tb", b.backup().totalTb());
        r.put("total_included_tb", b.backup().includedTb());
        r.put("overage_tb", b.backup().overageTb());
        r.put("overage_charge", b.backup().overageCharge());
        return r;
    }

    static List<Map<String, Object>> lines(List<Bill.Line> lines) {
        return lines.stream().map(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", l.name());
            x.put("type", l.type());
            x.put("cost", l.cost());
            return x;
        }).toList();
    }
}
