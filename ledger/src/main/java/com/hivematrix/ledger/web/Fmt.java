package com.hivematrix.ledger.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Formatting helpers the templates call as {@code ${@fmt.…}}. Output is escaped by the templates, never here. */
@Component("fmt")
public class Fmt {

    /** "$1,234.50"; blank for null. Amounts are already cents; this only groups digits. */
    public String money(Object n) {
        if (n == null) {
            return "";
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String s = f.format(d.setScale(2, RoundingMode.HALF_UP).abs());
        return (d.signum() < 0 ? "-$" : "$") + s;
    }

    /** A quantity (TB, hours) to 2 decimals, HALF_UP. */
    public String two(BigDecimal d) {
        return d == null ? "" : d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public String period(YearMonth p) {
        return p.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + p.getYear();
    }

    public String monthName(int m) {
        return Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
