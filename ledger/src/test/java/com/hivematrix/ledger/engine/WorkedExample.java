package com.hivematrix.ledger.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The §A6 worked example as engine inputs (period 2025-10, plan Premium / 1 Year). */
final class WorkedExample {

    static final YearMonth PERIOD = YearMonth.of(2025, 10);
    static final LocalDate TODAY = LocalDate.of(2025, 11, 5);
    static final long TB = 1_099_511_627_776L;

    static Inputs.Company company() {
        return new Inputs.Company("100200", "Example Dental", "Premium", "1 Year", LocalDate.of(2025, 1, 15), null, "All Inclusive");
    }

    static Map<Rate, BigDecimal> premiumRates() {
        Map<Rate, BigDecimal> r = new EnumMap<>(Rate.class);
        r.put(Rate.PER_USER, bd("125"));
        r.put(Rate.PER_WORKSTATION, bd("0"));
        r.put(Rate.PER_SERVER, bd("125"));
        r.put(Rate.PER_VM, bd("75"));
        r.put(Rate.PER_SWITCH, bd("25"));
        r.put(Rate.PER_FIREWALL, bd("25"));
        r.put(Rate.PER_HOUR_TICKET, bd("150"));
        r.put(Rate.BACKUP_BASE_WORKSTATION, bd("10"));
        r.put(Rate.BACKUP_BASE_SERVER, bd("50"));
        r.put(Rate.BACKUP_INCLUDED_TB, bd("1"));
        r.put(Rate.BACKUP_PER_TB, bd("100"));
        return r;
    }

    static Inputs.Plan plan() {
        return new Inputs.Plan("Premium", "1 Year", "All Inclusive", premiumRates(), Map.of("antivirus", "Defender"), Map.of());
    }

    /** Assets 101–112; 101 and 102 are servers in the RMM (device_type "Server"); 101 = 2.0 TB, 102 = 1.5 TB. */
    static List<Inputs.Asset> assets() {
        List<Inputs.Asset> a = new ArrayList<>();
        for (long id = 101; id <= 112; id++) {
            boolean server = id == 101 || id == 102;
            long bytes = id == 101 ? 2 * TB : id == 102 ? TB + TB / 2 : 0;
            a.add(new Inputs.Asset(id, "HOST-" + id, server ? "Server" : "Workstation", bytes));
        }
        return a;
    }

    static List<Inputs.Contact> contacts() {
        List<Inputs.Contact> c = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            c.add(new Inputs.Contact(id, "Person " + id, "p" + id + "@example.test", true));
        }
        return c;
    }

    static List<Inputs.Ticket> tickets() {
        return List.of(
                new Inputs.Ticket(1, "T1", "a", "2025-10-03T10:00:00Z", bd("3.5")),
                new Inputs.Ticket(2, "T2", "b", "2025-10-20T09:30:00+00:00", bd("2.0")),
                new Inputs.Ticket(3, "T3", "c", "2025-10-31T23:00:00Z", bd("1.25")),
                new Inputs.Ticket(4, "T4", "d", "2025-09-30T12:00:00Z", bd("5.0")));
    }

    static Inputs.Adjustments adjustments() {
        Map<Long, Inputs.ItemOverride> assetOverrides = new LinkedHashMap<>();
        assetOverrides.put(101L, new Inputs.ItemOverride("Server", null));
        assetOverrides.put(102L, new Inputs.ItemOverride("Server", null));
        assetOverrides.put(112L, new Inputs.ItemOverride("No Charge", null));
        Map<Long, Inputs.ItemOverride> userOverrides = new LinkedHashMap<>();
        userOverrides.put(9L, new Inputs.ItemOverride("No Charge", null));
        userOverrides.put(10L, new Inputs.ItemOverride("Custom", bd("50")));
        return new Inputs.Adjustments(new Inputs.ClientOverride(null, null, Map.of(), bd("4"), null), assetOverrides, userOverrides,
                List.of(new Inputs.ManualItem(1, "CORE-SW1", "Switch", null, null)), List.of(),
                List.of(new Inputs.LineItem(1, "M365 Licenses", null, bd("500"), null, null, null, null, null),
                        new Inputs.LineItem(2, "Domain renewal", null, null, null, null, null, bd("120"), 10),
                        new Inputs.LineItem(3, "Onboarding", null, null, bd("720"), 2025, 9, null, null)),
                Map.of());
    }

    static Bill bill(BillingRules rules) {
        return new BillingEngine(rules).calculate(company(), plan(), assets(), contacts(), tickets(), adjustments(), PERIOD, TODAY);
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private WorkedExample() {
    }
}
