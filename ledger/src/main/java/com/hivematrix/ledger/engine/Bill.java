package com.hivematrix.ledger.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** One company's bill for one period: every amount in cents (scale 2), rounded HALF_UP per line. */
public record Bill(Inputs.Company company, String planName, String termLength, String supportLevel, YearMonth period,
        Map<Rate, BigDecimal> effectiveRates, List<Line> assets, List<Line> users, List<Line> lineItems,
        Map<String, Integer> quantities, BigDecimal totalAssetCharges, BigDecimal totalUserCharges,
        BigDecimal totalLineItemCharges, Hours hours, Backup backup, BigDecimal total, List<Inputs.Ticket> ticketsInPeriod,
        Map<String, String> planFeatures, Map<String, Boolean> featureOverrideStatus, Contract contract, List<String> warnings) {

    /** A receipt line: {name, type, cost}. */
    public record Line(String name, String type, BigDecimal cost) {
    }

    /**
     * @param hoursForPeriod  H: hours of tickets last updated in the period
     * @param priorYearHours  U: hours of tickets updated before the period within the prepaid year
     * @param remainingYearly Ry = max(0, Py − U)
     */
    public record Hours(BigDecimal hoursForPeriod, BigDecimal prepaidMonthly, BigDecimal prepaidYearly, BigDecimal priorYearHours,
            BigDecimal remainingYearly, BigDecimal billableHours, BigDecimal hourlyRate, BigDecimal ticketCharge) {
    }

    public record Backup(BigDecimal totalTb, int workstationsBackedUp, int serversBackedUp, BigDecimal baseWorkstation,
            BigDecimal baseServer, BigDecimal includedTb, BigDecimal overageTb, BigDecimal overageCharge, BigDecimal charge) {
    }

    /** Display only: {@code endDisplay} is the date, "Month to Month", "Invalid Start Date" or "N/A". */
    public record Contract(LocalDate startDate, LocalDate endDate, String endDisplay, boolean expired, boolean expiringSoon) {
    }
}
