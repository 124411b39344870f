package com.hivematrix.ledger.override;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.hivematrix.ledger.engine.Rate;

/** The company-override columns: API key → (enable-flag column, value column, numeric?). */
public final class ClientOverrideFields {

    public record Field(String key, String flag, boolean numeric, Rate rate) {
    }

    public static final Map<String, Field> ALL;

    static {
        Map<String, Field> m = new LinkedHashMap<>();
        m.put("billing_plan", new Field("billing_plan", "override_billing_plan_enabled", false, null));
        m.put("support_level", new Field("support_level", "override_support_level_enabled", false, null));
        List<Object[]> rates = List.of(new Object[] {Rate.PER_USER, "override_puc_enabled"},
                new Object[] {Rate.PER_WORKSTATION, "override_pwc_enabled"}, new Object[] {Rate.PER_SERVER, "override_psc_enabled"},
                new Object[] {Rate.PER_VM, "override_pvc_enabled"}, new Object[] {Rate.PER_SWITCH, "override_pswitchc_enabled"},
                new Object[] {Rate.PER_FIREWALL, "override_pfirewallc_enabled"}, new Object[] {Rate.PER_HOUR_TICKET, "override_phtc_enabled"},
                new Object[] {Rate.BACKUP_BASE_WORKSTATION, "override_bbfw_enabled"},
                new Object[] {Rate.BACKUP_BASE_SERVER, "override_bbfs_enabled"}, new Object[] {Rate.BACKUP_INCLUDED_TB, "override_bit_enabled"},
                new Object[] {Rate.BACKUP_PER_TB, "override_bpt_enabled"});
        for (Object[] r : rates) {
            Rate rate = (Rate) r[0];
            m.put(rate.key(), new Field(rate.key(), (String) r[1], true, rate));
        }
        m.put("prepaid_hours_monthly", new Field("prepaid_hours_monthly", "override_prepaid_hours_monthly_enabled", true, null));
        m.put("prepaid_hours_yearly", new Field("prepaid_hours_yearly", "override_prepaid_hours_yearly_enabled", true, null));
        ALL = Map.copyOf(m);
        ORDER = List.copyOf(m.keySet());
    }

    public static final List<String> ORDER;

    private ClientOverrideFields() {
    }
}
