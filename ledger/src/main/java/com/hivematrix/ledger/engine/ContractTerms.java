package com.hivematrix.ledger.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Codex's single contract-term vocabulary ("Month to Month", "1 Year", "2 Year", "3 Year"); other
 * spellings ("1-Year", "monthly", ...) are read as their canonical term, as Codex does.
 */
public final class ContractTerms {

    public static final String MONTH_TO_MONTH = "Month to Month";
    public static final List<String> ALL = List.of(MONTH_TO_MONTH, "1 Year", "2 Year", "3 Year");

    private ContractTerms() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ");
        return switch (s) {
            case "month to month", "monthly", "m2m", "month" -> MONTH_TO_MONTH;
            case "1 year", "1 years", "one year", "annual", "yearly" -> "1 Year";
            case "2 year", "2 years", "two year" -> "2 Year";
            case "3 year", "3 years", "three year" -> "3 Year";
            default -> raw.trim();
        };
    }

    /** start + N years − 1 day for the yearly terms; null otherwise. */
    public static LocalDate endDate(LocalDate start, String term) {
        if (start == null || term == null) {
            return null;
        }
        return switch (term) {
            case "1 Year" -> start.plusYears(1).minusDays(1);
            case "2 Year" -> start.plusYears(2).minusDays(1);
            case "3 Year" -> start.plusYears(3).minusDays(1);
            default -> null;
        };
    }
}
