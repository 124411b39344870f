package com.hivematrix.ledger.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.hivematrix.shared.problem.ProblemException;

/** {@code year}/{@code month} request parameters → a period; missing = the current month (UTC). */
public final class Periods {

    private Periods() {
    }

    public static YearMonth of(String year, String month, Clock clock) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        int y = parse(year, "year", now.getYear());
        int m = parse(month, "month", now.getMonthValue());
        if (y < 2000 || y > 2999) {
            throw ProblemException.badRequest("year must be between 2000 and 2999").with("error", "Invalid year");
        }
        if (m < 1 || m > 12) {
            throw ProblemException.badRequest("month must be between 1 and 12").with("error", "Invalid month");
        }
        return YearMonth.of(y, m);
    }

    private static int parse(String v, String name, int dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number").with("error", "Invalid " + name);
        }
    }
}
