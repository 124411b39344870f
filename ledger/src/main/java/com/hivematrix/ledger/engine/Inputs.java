package com.hivematrix.ledger.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the engine reads: Codex's data and Ledger's adjustments, already parsed. */
public final class Inputs {

    private Inputs() {
    }

    public record Company(String accountNumber, String name, String billingPlan, String contractTermLength,
            LocalDate contractStartDate, LocalDate contractEndDate, String supportLevel) {
    }

    /** A Codex plan for one (name, term); rates missing in Codex are absent from the map. */
    public record Plan(String planName, String termLength, String supportLevel, Map<Rate, BigDecimal> rates,
            Map<String, String> features, Map<String, String> featureDisplayNames) {
    }

    /** A Codex asset: device_type as Codex sends it, backup in bytes (TB x 2^40). */
    public record Asset(long id, String hostname, String deviceType, long backupBytes) {
    }

    /**
     * A Codex contact; {@code active} null means unknown and counts as active. {@code companies} are
     * the account numbers it is linked to (empty = unknown: billed where it is listed).
     */
    public record Contact(long id, String name, String email, Boolean active, List<String> companies) {

        public Contact {
            companies = companies == null ? List.of() : List.copyOf(companies);
        }

        public Contact(long id, String name, String email, Boolean active) {
            this(id, name, email, active, List.of());
        }

        /** The one company that bills a shared contact: the linked account number that sorts first. */
        public String home() {
            return companies.stream().sorted().findFirst().orElse(null);
        }
    }

    /** A Codex ticket; {@code lastUpdatedAt} is the raw string Codex sent (may lack a zone or be null). */
    public record Ticket(long id, String ticketNumber, String subject, String lastUpdatedAt, BigDecimal hours) {
    }

    /**
     * The company override row reduced to what is in force: only enabled, non-null values appear
     * (a disabled override is simply absent).
     */
    public record ClientOverride(String billingPlan, String supportLevel, Map<Rate, BigDecimal> rates,
            BigDecimal prepaidHoursMonthly, BigDecimal prepaidHoursYearly) {

        public static final ClientOverride NONE = new ClientOverride(null, null, Map.of(), null, null);
    }

    public record ItemOverride(String billingType, BigDecimal customCost) {
    }

    public record ManualItem(long id, String name, String billingType, BigDecimal customCost, String notes) {
    }

    public record LineItem(long id, String name, String description, BigDecimal monthlyFee, BigDecimal oneOffFee,
            Integer oneOffYear, Integer oneOffMonth, BigDecimal yearlyFee, Integer yearlyBillMonth) {
    }

    public record Adjustments(ClientOverride client, Map<Long, ItemOverride> assetOverrides, Map<Long, ItemOverride> userOverrides,
            List<ManualItem> manualAssets, List<ManualItem> manualUsers, List<LineItem> lineItems, Map<String, String> featureOverrides) {

        public static final Adjustments NONE = new Adjustments(ClientOverride.NONE, Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of());
    }
}
