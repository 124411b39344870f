package com.hivematrix.ledger.engine;

import static com.hivematrix.ledger.engine.WorkedExample.bd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BillingEngineTest {

    static final BillingEngine CORRECTED = new BillingEngine(BillingRules.CORRECTED);
    static final BillingEngine ORIGINAL = new BillingEngine(BillingRules.ORIGINAL);

    /** §A6 as the Flask engine ran it: 2,707.50 (backup = 3.5 TB × 100 because no device is recognised). */
    @Test
    void workedExampleUnderTheOriginalRulesIs2707_50() {
        Bill b = WorkedExample.bill(BillingRules.ORIGINAL);
        assertThat(b.totalUserCharges()).isEqualByComparingTo("1050.00");
        assertThat(b.quantities()).containsEntry("regular_users", 8).containsEntry("free_users", 2).doesNotContainKey("custom_users");
        assertThat(b.totalAssetCharges()).isEqualByComparingTo("275.00");
        assertThat(b.quantities()).containsEntry("server", 2).containsEntry("workstation", 9).containsEntry("no charge", 1)
                .containsEntry("switch", 1);
        assertThat(b.hours().hoursForPeriod()).isEqualByComparingTo("6.75");
        assertThat(b.hours().billableHours()).isEqualByComparingTo("2.75");
        assertThat(b.hours().ticketCharge()).isEqualByComparingTo("412.50");
        assertThat(b.backup().totalTb()).isEqualByComparingTo("3.50");
        assertThat(b.backup().serversBackedUp()).isZero();
        assertThat(b.backup().charge()).isEqualByComparingTo("350.00");
        assertThat(b.totalLineItemCharges()).isEqualByComparingTo("620.00");
        assertThat(b.lineItems()).extracting(Bill.Line::type).containsExactly("Recurring", "Yearly");
        assertThat(b.total()).isEqualTo(new BigDecimal("2707.50"));
        assertThat(b.contract().endDate()).isEqualTo(LocalDate.of(2026, 1, 14));
        assertThat(b.contract().expired()).isFalse();
    }

    /**
     * The same example under the corrected rules. By hand:
     * <pre>
     * users   8 Paid × 125.00 = 1,000.00 + Custom 50.00 + No Charge 0.00             = 1,050.00
     *         (regular_users 8, free_users 1, custom_users 1; all ten contacts active)
     * assets  101, 102 Server × 125.00 = 250.00; 103–111 Workstation × 0.00; 112 No Charge;
     *         manual CORE-SW1 Switch 25.00                                             =   275.00
     * hours   H = 3.5 + 2.0 + 1.25 = 6.75 (Sep 30 ticket outside); Pm = 4; Py = 0 → Ry = 0;
     *         billable = 6.75 − 4 = 2.75 × 150.00                                      =   412.50
     * backup  effective type: 101 and 102 are Servers with backup > 0 → n_srv = 2, n_ws = 0;
     *         base 2 × 50.00 = 100.00; included 2 × 1 TB = 2 TB; total 3.5 TB;
     *         overage 1.5 TB × 100.00 = 150.00                                         =   250.00
     * items   M365 500.00 (Recurring) + Domain renewal 120.00 (Yearly, month 10);
     *         Onboarding is a 2025-09 one-off → not billed                             =   620.00
     * total   1,050.00 + 275.00 + 412.50 + 250.00 + 620.00                              = 2,607.50
     * </pre>
     */
    @Test
    void workedExampleUnderTheCorrectedRulesIs2607_50() {
        Bill b = WorkedExample.bill(BillingRules.CORRECTED);
        assertThat(b.totalUserCharges()).isEqualByComparingTo("1050.00");
        assertThat(b.quantities()).containsEntry("regular_users", 8).containsEntry("free_users", 1).containsEntry("custom_users", 1);
        assertThat(b.totalAssetCharges()).isEqualByComparingTo("275.00");
        assertThat(b.hours().ticketCharge()).isEqualByComparingTo("412.50");
        assertThat(b.backup().serversBackedUp()).isEqualTo(2);
        assertThat(b.backup().baseServer()).isEqualByComparingTo("100.00");
        assertThat(b.backup().includedTb()).isEqualByComparingTo("2");
        assertThat(b.backup().overageTb()).isEqualByComparingTo("1.50");
        assertThat(b.backup().overageCharge()).isEqualByComparingTo("150.00");
        assertThat(b.backup().charge()).isEqualByComparingTo("250.00");
        assertThat(b.totalLineItemCharges()).isEqualByComparingTo("620.00");
        assertThat(b.total()).isEqualTo(new BigDecimal("2607.50"));
        assertThat(b.warnings()).isEmpty();
    }

    @Test
    void correctedRulesTypeDevicesFromCodexWithoutOverrides() {
        Inputs.Adjustments a = WorkedExample.adjustments();
        Inputs.Adjustments noAssetOverrides = new Inputs.Adjustments(a.client(), Map.of(112L, new Inputs.ItemOverride("No Charge", null)),
                a.userOverrides(), a.manualAssets(), a.manualUsers(), a.lineItems(), a.featureOverrides());
        Bill corrected = CORRECTED.calculate(WorkedExample.company(), WorkedExample.plan(), WorkedExample.assets(), WorkedExample.contacts(),
                WorkedExample.tickets(), noAssetOverrides, WorkedExample.PERIOD, WorkedExample.TODAY);
        Bill original = ORIGINAL.calculate(WorkedExample.company(), WorkedExample.plan(), WorkedExample.assets(), WorkedExample.contacts(),
                WorkedExample.tickets(), noAssetOverrides, WorkedExample.PERIOD, WorkedExample.TODAY);
        // the RMM says 101/102 are servers: the corrected engine bills them as such, the original as workstations at 0
        assertThat(corrected.total()).isEqualByComparingTo("2607.50");
        assertThat(original.totalAssetCharges()).isEqualByComparingTo("25.00");
        assertThat(original.total()).isEqualByComparingTo("2457.50");
    }

    @Test
    void firewallsSwitchesAndVmsAreMappedAndOverridesWin() {
        List<Inputs.Asset> assets = List.of(new Inputs.Asset(1, "FW", "firewall", 0), new Inputs.Asset(2, "SW", " Switch ", 0),
                new Inputs.Asset(3, "VM", "Virtual Machine", 0), new Inputs.Asset(4, "X", "toaster", 0), new Inputs.Asset(5, "N", null, 0),
                new Inputs.Asset(6, "C", "Server", 0), new Inputs.Asset(7, "Z", "Server", 0));
        Inputs.Adjustments adj = new Inputs.Adjustments(Inputs.ClientOverride.NONE,
                Map.of(6L, new Inputs.ItemOverride("Custom", bd("33.333")), 7L, new Inputs.ItemOverride("No Charge", null)),
                Map.of(), List.of(), List.of(), List.of(), Map.of());
        Bill b = CORRECTED.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_FIREWALL, bd("25"), Rate.PER_SWITCH, bd("20"),
                Rate.PER_VM, bd("75"), Rate.PER_WORKSTATION, bd("10"))), assets, List.of(), List.of(), adj, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        assertThat(b.assets()).extracting(Bill.Line::type).containsExactly("Firewall", "Switch", "VM", "Workstation", "Workstation",
                "Custom", "No Charge");
        // 25 + 20 + 75 + 10 + 10 + 33.33 (custom rounded HALF_UP at line level) + 0
        assertThat(b.assets()).extracting(Bill.Line::cost).contains(bd("33.33"));
        assertThat(b.totalAssetCharges()).isEqualTo(bd("173.33"));
    }

    @Test
    void prepaidMonthlyThenRemainingYearlyCalendarYear() {
        // 2025: 7 h used in Mar–Sep, 4 h in 2024 (ignored by the calendar year); October H = 6
        List<Inputs.Ticket> tickets = List.of(t("2024-12-20T10:00:00Z", "4"), t("2025-03-01T10:00:00Z", "3"),
                t("2025-09-30T23:59:59Z", "4"), t("2025-10-02T10:00:00Z", "6"));
        Inputs.Adjustments adj = withClient(new Inputs.ClientOverride(null, null, Map.of(), bd("2"), bd("10")));
        Bill b = CORRECTED.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("100"))), List.of(), List.of(),
                tickets, adj, YearMonth.of(2025, 10), WorkedExample.TODAY);
        // Ry = 10 − 7 = 3; billable = max(0, 6 − 2) − 3 = 1
        assertThat(b.hours().priorYearHours()).isEqualByComparingTo("7");
        assertThat(b.hours().remainingYearly()).isEqualByComparingTo("3");
        assertThat(b.hours().billableHours()).isEqualByComparingTo("1");
        assertThat(b.hours().ticketCharge()).isEqualTo(bd("100.00"));

        // the original counts the 2024 ticket too: U = 11 → Ry = 0 → billable 4
        Bill o = ORIGINAL.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("100"))), List.of(), List.of(),
                tickets, adj, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(o.hours().billableHours()).isEqualByComparingTo("4");

        // yearly larger than what is left after monthly: never negative
        Inputs.Adjustments generous = withClient(new Inputs.ClientOverride(null, null, Map.of(), bd("2"), bd("100")));
        Bill g = CORRECTED.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("100"))), List.of(), List.of(),
                tickets, generous, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(g.hours().billableHours()).isEqualByComparingTo("0");
        assertThat(g.hours().ticketCharge()).isEqualTo(bd("0.00"));
    }

    @Test
    void prepaidYearCanResetOnTheContractAnniversary() {
        // contract started 2025-01-15 → prepaid year 2025-01-15 … ; in 2026-02 the year started 2026-01-15
        BillingEngine anniversary = new BillingEngine(BillingRules.CORRECTED.withPrepaidYear(BillingRules.PrepaidYear.CONTRACT_ANNIVERSARY));
        List<Inputs.Ticket> tickets = List.of(t("2026-01-10T10:00:00Z", "5"), t("2026-01-20T10:00:00Z", "2"),
                t("2026-02-03T10:00:00Z", "4"));
        Inputs.Adjustments adj = withClient(new Inputs.ClientOverride(null, null, Map.of(), null, bd("3")));
        Bill b = anniversary.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("10"))), List.of(), List.of(),
                tickets, adj, YearMonth.of(2026, 2), WorkedExample.TODAY);
        // U = 2 (Jan 20 only; Jan 10 belongs to the previous contract year) → Ry = 1 → billable 4 − 1 = 3
        assertThat(b.hours().priorYearHours()).isEqualByComparingTo("2");
        assertThat(b.hours().billableHours()).isEqualByComparingTo("3");
        // calendar year: U = 7 → Ry = 0 → billable 4
        Bill cal = CORRECTED.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("10"))), List.of(), List.of(),
                tickets, adj, YearMonth.of(2026, 2), WorkedExample.TODAY);
        assertThat(cal.hours().billableHours()).isEqualByComparingTo("4");
    }

    @Test
    void periodBoundariesAtTheLastSecond() {
        List<Inputs.Ticket> tickets = List.of(t("2025-09-30T23:59:59Z", "1"), t("2025-10-01T00:00:00Z", "2"),
                t("2025-10-31T23:59:59Z", "4"), t("2025-10-31T23:59:59.500Z", "8"), t("2025-11-01T00:00:00Z", "16"),
                t("2025-11-01T01:00:00+02:00", "32"));
        Bill c = CORRECTED.calculate(WorkedExample.company(), plan(Map.of()), List.of(), List.of(), tickets, null, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        // 2 + 4 + 8 + 32 (= Oct 31 23:00Z); Sep 30 and Nov 1 00:00Z are outside
        assertThat(c.hours().hoursForPeriod()).isEqualByComparingTo("46");
        Bill o = ORIGINAL.calculate(WorkedExample.company(), plan(Map.of()), List.of(), List.of(), tickets, null, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        // the original's window ends at 23:59:59 inclusive: half a second later is lost
        assertThat(o.hours().hoursForPeriod()).isEqualByComparingTo("38");
    }

    @Test
    void zonelessMissingAndGarbageTimestampsNeverBreakABill() {
        List<Inputs.Ticket> tickets = List.of(t("2025-10-03 10:00:00", "1.5"), t("2025-10-04T10:00:00", "1"), t(null, "9"),
                t("yesterday", "9"), t("2025-10-05", "0.25"), t("2025-10-06T08:00:00.123456Z", "2"));
        for (BillingEngine e : List.of(CORRECTED, ORIGINAL)) {
            Bill b = e.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_HOUR_TICKET, bd("100"))), List.of(), List.of(), tickets,
                    null, YearMonth.of(2025, 10), WorkedExample.TODAY);
            assertThat(b.hours().hoursForPeriod()).isEqualByComparingTo("4.75");
            assertThat(b.hours().ticketCharge()).isEqualTo(bd("475.00"));
            assertThat(b.warnings()).hasSize(5).anySatisfy(w -> assertThat(w).contains("without a time zone"))
                    .anySatisfy(w -> assertThat(w).contains("no last-updated date")).anySatisfy(w -> assertThat(w).contains("unreadable"));
        }
    }

    @Test
    void lineItemPrecedenceRecurringOverOneOffOverYearly() {
        List<Inputs.LineItem> items = List.of(
                new Inputs.LineItem(1, "both", null, bd("10"), bd("99"), 2025, 10, bd("77"), 10),
                new Inputs.LineItem(2, "oneoff-and-yearly", null, null, bd("20"), 2025, 10, bd("77"), 10),
                new Inputs.LineItem(3, "oneoff-other-year", null, null, bd("20"), 2024, 10, null, null),
                new Inputs.LineItem(4, "yearly", null, null, null, null, null, bd("30.005"), 10),
                new Inputs.LineItem(5, "yearly-other-month", null, null, null, null, null, bd("30"), 11),
                new Inputs.LineItem(6, "zero-monthly", null, bd("0"), null, null, null, null, null),
                new Inputs.LineItem(7, "oneoff-without-fee", null, null, null, 2025, 10, null, null));
        Inputs.Adjustments adj = new Inputs.Adjustments(null, Map.of(), Map.of(), List.of(), List.of(), items, Map.of());
        Bill b = CORRECTED.calculate(WorkedExample.company(), plan(Map.of()), List.of(), List.of(), List.of(), adj, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        assertThat(b.lineItems()).extracting(Bill.Line::name, Bill.Line::type, Bill.Line::cost).containsExactly(
                org.assertj.core.groups.Tuple.tuple("both", "Recurring", bd("10.00")),
                org.assertj.core.groups.Tuple.tuple("oneoff-and-yearly", "One-Off", bd("20.00")),
                org.assertj.core.groups.Tuple.tuple("yearly", "Yearly", bd("30.01")),
                org.assertj.core.groups.Tuple.tuple("zero-monthly", "Recurring", bd("0.00")));
        assertThat(b.totalLineItemCharges()).isEqualTo(bd("60.01"));
        assertThat(b.warnings()).singleElement().asString().contains("oneoff-without-fee");
    }

    @Test
    void backupTiersUseEffectiveTypesAndAllowZeroIncludedTb() {
        long tb = WorkedExample.TB;
        List<Inputs.Asset> assets = List.of(new Inputs.Asset(1, "WS1", "Workstation", tb / 2), new Inputs.Asset(2, "WS2", "Desktop", 0),
                new Inputs.Asset(3, "SRV", "Server", 3 * tb), new Inputs.Asset(4, "OVR", "Workstation", tb),
                new Inputs.Asset(5, "NC", "Server", tb));
        Map<Rate, BigDecimal> rates = Map.of(Rate.BACKUP_BASE_WORKSTATION, bd("10"), Rate.BACKUP_BASE_SERVER, bd("50"),
                Rate.BACKUP_INCLUDED_TB, bd("1"), Rate.BACKUP_PER_TB, bd("20"));
        // asset 4 overridden to VM counts as a server tier; asset 5 "No Charge" gets no base fee but its TB still count
        Inputs.Adjustments adj = new Inputs.Adjustments(null, Map.of(4L, new Inputs.ItemOverride("VM", null),
                5L, new Inputs.ItemOverride("No Charge", null)), Map.of(), List.of(), List.of(), List.of(), Map.of());
        Bill b = CORRECTED.calculate(WorkedExample.company(), plan(rates), assets, List.of(), List.of(), adj, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        // ws with backup: 1 → 10; server tier: SRV + OVR(VM) = 2 → 100; included 3 TB; total 5.5 TB → overage 2.5 × 20 = 50
        assertThat(b.backup().workstationsBackedUp()).isEqualTo(1);
        assertThat(b.backup().serversBackedUp()).isEqualTo(2);
        assertThat(b.backup().totalTb()).isEqualByComparingTo("5.50");
        assertThat(b.backup().overageTb()).isEqualByComparingTo("2.50");
        assertThat(b.backup().charge()).isEqualTo(bd("160.00"));

        // zero TB included: corrected keeps 0 → all 5.5 TB are overage; the original turns 0 into 1 per device (0 devices anyway)
        Map<Rate, BigDecimal> zero = new java.util.EnumMap<>(rates);
        zero.put(Rate.BACKUP_INCLUDED_TB, bd("0"));
        Bill z = CORRECTED.calculate(WorkedExample.company(), plan(zero), assets, List.of(), List.of(), adj, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        assertThat(z.effectiveRates().get(Rate.BACKUP_INCLUDED_TB)).isEqualByComparingTo("0");
        assertThat(z.backup().charge()).isEqualTo(bd("220.00"));
        Bill zo = ORIGINAL.calculate(WorkedExample.company(), plan(zero), assets, List.of(), List.of(), adj, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        assertThat(zo.effectiveRates().get(Rate.BACKUP_INCLUDED_TB)).isEqualByComparingTo("1");
        assertThat(zo.backup().charge()).isEqualTo(bd("110.00"));
    }

    @Test
    void usersCustomNoChargeInactiveAndManual() {
        List<Inputs.Contact> contacts = List.of(new Inputs.Contact(1, "A", "a@x", true), new Inputs.Contact(2, "B", "b@x", false),
                new Inputs.Contact(3, "C", "c@x", null), new Inputs.Contact(4, "D", "d@x", true));
        Inputs.Adjustments adj = new Inputs.Adjustments(null, Map.of(),
                Map.of(3L, new Inputs.ItemOverride("Custom", bd("12.345")), 4L, new Inputs.ItemOverride("Free/No Charge", null)),
                List.of(), List.of(new Inputs.ManualItem(1, "Manual M", "Paid", null, null),
                        new Inputs.ManualItem(2, "Manual C", "Custom", null, null)), List.of(), Map.of());
        Bill b = CORRECTED.calculate(WorkedExample.company(), plan(Map.of(Rate.PER_USER, bd("100"))), List.of(), contacts, List.of(), adj,
                YearMonth.of(2025, 10), WorkedExample.TODAY);
        // A 100 + C 12.35 (HALF_UP) + D 0 + Manual M 100 + Manual C (no cost) 0; B inactive → not billed
        assertThat(b.users()).extracting(Bill.Line::name).containsExactly("A", "C", "D", "Manual M", "Manual C");
        assertThat(b.totalUserCharges()).isEqualTo(bd("212.35"));
        assertThat(b.quantities()).containsEntry("regular_users", 2).containsEntry("custom_users", 2).containsEntry("free_users", 1)
                .containsEntry("inactive_users", 1);
        Bill inactiveBilled = new BillingEngine(BillingRules.CORRECTED.withBillInactiveContacts(true)).calculate(WorkedExample.company(),
                plan(Map.of(Rate.PER_USER, bd("100"))), List.of(), contacts, List.of(), adj, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(inactiveBilled.totalUserCharges()).isEqualTo(bd("312.35"));
    }

    @Test
    void aSharedContactIsBilledOnceByItsHomeCompanyAndADuplicateListingOnce() {
        Inputs.Contact shared = new Inputs.Contact(7, "Shared", "s@x", true, List.of("100200", "0990"));
        Inputs.Contact local = new Inputs.Contact(8, "Local", "l@x", true, List.of("100200"));
        List<Inputs.Contact> contacts = List.of(shared, local, local);
        Map<Rate, BigDecimal> rates = Map.of(Rate.PER_USER, bd("10"));
        // company 100200 is not the shared contact's home ("0990" sorts first): listed at 0, not billed; Local once, not twice
        Bill here = CORRECTED.calculate(WorkedExample.company(), plan(rates), List.of(), contacts, List.of(), null, YearMonth.of(2025, 10),
                WorkedExample.TODAY);
        assertThat(here.users()).extracting(Bill.Line::name, Bill.Line::type, Bill.Line::cost).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Shared", "Billed with 0990", bd("0.00")),
                org.assertj.core.groups.Tuple.tuple("Local", "Paid", bd("10.00")));
        assertThat(here.quantities()).containsEntry("shared_users", 1).containsEntry("regular_users", 1);
        assertThat(here.totalUserCharges()).isEqualTo(bd("10.00"));
        // configured to bill shared contacts in each company (the original's behaviour): both billed here
        Bill each = new BillingEngine(BillingRules.CORRECTED.withSharedContactsInEachCompany(true)).calculate(WorkedExample.company(),
                plan(rates), List.of(), contacts, List.of(), null, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(each.totalUserCharges()).isEqualTo(bd("20.00"));
        // a contact with unknown links is billed where it is listed
        Bill unknown = CORRECTED.calculate(WorkedExample.company(), plan(rates), List.of(), List.of(new Inputs.Contact(9, "U", "u@x", true)),
                List.of(), null, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(unknown.totalUserCharges()).isEqualTo(bd("10.00"));
    }

    @Test
    void overridesReplaceRatesAndFeatures() {
        Inputs.ClientOverride co = new Inputs.ClientOverride(null, "Unlimited", Map.of(Rate.PER_WORKSTATION, bd("0"), Rate.PER_USER, bd("7.5")),
                null, null);
        Inputs.Adjustments adj = new Inputs.Adjustments(co, Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of("soc", "Arctic Wolf"));
        Bill b = CORRECTED.calculate(WorkedExample.company(), WorkedExample.plan(), List.of(new Inputs.Asset(1, "WS", "Workstation", 0)),
                List.of(new Inputs.Contact(1, "A", "a@x", true)), List.of(), adj, YearMonth.of(2025, 10), WorkedExample.TODAY);
        assertThat(b.supportLevel()).isEqualTo("Unlimited");
        assertThat(b.total()).isEqualTo(bd("7.50"));
        assertThat(b.planFeatures()).containsEntry("antivirus", "Defender").containsEntry("soc", "Arctic Wolf").containsEntry("sat",
                "Not Included");
        assertThat(b.featureOverrideStatus()).containsEntry("soc", true).containsEntry("antivirus", false);
    }

    @Test
    void planResolutionReportsWhyInsteadOfDropping() {
        PlanCatalog catalog = new PlanCatalog(List.of(WorkedExample.plan()));
        Inputs.Company c = WorkedExample.company();
        assertThat(catalog.resolve(c, null).plan()).isNotNull();
        Inputs.Company dashed = new Inputs.Company("1", "x", " premium ", "1-Year", null, null, null);
        assertThat(catalog.resolve(dashed, null).resolved()).isTrue();
        Inputs.Company noPlan = new Inputs.Company("1", "x", null, null, null, null, null);
        assertThat(catalog.resolve(noPlan, null).problem()).isEqualTo("Company has no billing plan");
        Inputs.Company mtm = new Inputs.Company("1", "x", "Premium", null, null, null, null);
        assertThat(catalog.resolve(mtm, null).problem()).isEqualTo("Plan not found: Premium (Month to Month)");
        Inputs.ClientOverride override = new Inputs.ClientOverride("Premium", null, Map.of(), null, null);
        assertThat(catalog.resolve(new Inputs.Company("1", "x", "Basic", "1 Year", null, null, null), override).resolved()).isTrue();
    }

    @Test
    void contractStatus() {
        LocalDate today = LocalDate.of(2026, 1, 1);
        assertThat(BillingEngine.contract(WorkedExample.company(), today).expiringSoon()).isTrue();
        assertThat(BillingEngine.contract(WorkedExample.company(), LocalDate.of(2026, 1, 15)).expired()).isTrue();
        assertThat(BillingEngine.contract(new Inputs.Company("1", "x", "P", null, null, null, null), today).endDisplay())
                .isEqualTo("Month to Month");
        assertThat(BillingEngine.contract(new Inputs.Company("1", "x", "P", "2 Year", null, null, null), today).endDisplay())
                .isEqualTo("Invalid Start Date");
        assertThat(BillingEngine.contract(new Inputs.Company("1", "x", "P", "1 Year", LocalDate.of(2024, 1, 1), LocalDate.of(2027, 6, 30),
                null), today).endDate()).isEqualTo(LocalDate.of(2027, 6, 30));
    }

    static Inputs.Plan plan(Map<Rate, BigDecimal> rates) {
        return new Inputs.Plan("P", "1 Year", null, rates, Map.of(), Map.of());
    }

    static Inputs.Adjustments withClient(Inputs.ClientOverride co) {
        return new Inputs.Adjustments(co, Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of());
    }

    static int seq;

    static Inputs.Ticket t(String when, String hours) {
        seq++;
        return new Inputs.Ticket(seq, "N" + seq, "s", when, new BigDecimal(hours));
    }
}
