package com.hivematrix.ledger.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.hivematrix.ledger.engine.Bill;

/**
 * The one invoice model, derived from one {@link Bill}; rendered as PDF, the original's 9-column
 * CSV and the QuickBooks CSV. Number {@code <account>-<YYYYMM>}, invoice date = last day of the
 * period, due = +30 days — for every rendering (QuickBooks included: the original used today).
 */
public record Invoice(String number, String account, String customer, YearMonth period, LocalDate invoiceDate, LocalDate dueDate,
        String plan, String term, List<Line> lines, BigDecimal total) {

    public record Line(String item, String description, BigDecimal quantity, BigDecimal rate, BigDecimal amount) {
    }

    /** A reissued bill (after a void) keeps the period's number with {@code -R<revision>}; revision 1 has none. */
    public Invoice revision(int revision) {
        return revision <= 1 ? this
                : new Invoice(number + "-R" + revision, account, customer, period, invoiceDate, dueDate, plan, term, lines, total);
    }

    public static String number(String account, YearMonth period) {
        return account + "-" + String.format("%04d%02d", period.getYear(), period.getMonthValue());
    }

    /** §A7 rows: paid users and assets, one backup row, one labour row, every billed custom item. */
    public static Invoice standard(Bill b) {
        List<Line> lines = new ArrayList<>();
        for (Bill.Line u : b.users()) {
            if (u.cost().signum() > 0) {
                lines.add(new Line("Managed Services", "User: " + u.name() + " (" + u.type() + ")", BigDecimal.ONE, u.cost(), u.cost()));
            }
        }
        for (Bill.Line a : b.assets()) {
            if (a.cost().signum() > 0) {
                lines.add(new Line("Managed Services", "Asset: " + a.name() + " (" + a.type() + ")", BigDecimal.ONE, a.cost(), a.cost()));
            }
        }
        Bill.Backup k = b.backup();
        if (k.charge().signum() > 0) {
            List<String> parts = new ArrayList<>();
            if (k.baseWorkstation().signum() > 0) {
                parts.add("Workstation Backup Base: $" + k.baseWorkstation());
            }
            if (k.baseServer().signum() > 0) {
                parts.add("Server Backup Base: $" + k.baseServer());
            }
            if (k.overageCharge().signum() > 0) {
                parts.add("Overage: " + k.overageTb().setScale(2, RoundingMode.HALF_UP) + " TB @ $" + k.overageCharge());
            }
            lines.add(new Line("Backup Services", String.join(", ", parts), BigDecimal.ONE, k.charge(), k.charge()));
        }
        Bill.Hours h = b.hours();
        if (h.billableHours().signum() > 0) {
            lines.add(new Line("Hourly Labor", "Billable Hours (" + h.billableHours() + " hrs)", h.billableHours(),
                    h.hourlyRate().setScale(2, RoundingMode.HALF_UP), h.ticketCharge()));
        }
        for (Bill.Line li : b.lineItems()) {
            lines.add(new Line("Custom Charge", li.name() + " (" + li.type() + ")", BigDecimal.ONE, li.cost(), li.cost()));
        }
        return of(b, lines);
    }

    /** The QuickBooks profile: zero-cost users/assets included, backup split into its parts, "Custom Services". */
    public static Invoice quickBooks(Bill b) {
        List<Line> lines = new ArrayList<>();
        for (Bill.Line u : b.users()) {
            lines.add(new Line("Managed Services", "User: " + u.name() + " (" + u.type() + ")", BigDecimal.ONE, u.cost(), u.cost()));
        }
        for (Bill.Line a : b.assets()) {
            lines.add(new Line("Managed Services", "Asset: " + a.name() + " (" + a.type() + ")", BigDecimal.ONE, a.cost(), a.cost()));
        }
        Bill.Backup k = b.backup();
        if (k.baseWorkstation().signum() > 0) {
            lines.add(new Line("Backup Services", "Workstation Backup Base (" + k.workstationsBackedUp() + ")",
                    BigDecimal.valueOf(k.workstationsBackedUp()), k.baseWorkstation().divide(BigDecimal.valueOf(k.workstationsBackedUp()), 2,
                            RoundingMode.HALF_UP), k.baseWorkstation()));
        }
        if (k.baseServer().signum() > 0) {
            lines.add(new Line("Backup Services", "Server Backup Base (" + k.serversBackedUp() + ")", BigDecimal.valueOf(k.serversBackedUp()),
                    k.baseServer().divide(BigDecimal.valueOf(k.serversBackedUp()), 2, RoundingMode.HALF_UP), k.baseServer()));
        }
        if (k.overageCharge().signum() > 0) {
            lines.add(new Line("Backup Services", "Storage Overage (" + k.overageTb().setScale(2, RoundingMode.HALF_UP) + " TB)",
                    k.overageTb().setScale(2, RoundingMode.HALF_UP), b.effectiveRates().get(com.hivematrix.ledger.engine.Rate.BACKUP_PER_TB)
                            .setScale(2, RoundingMode.HALF_UP), k.overageCharge()));
        }
        Bill.Hours h = b.hours();
        if (h.ticketCharge().signum() > 0) {
            lines.add(new Line("Hourly Labor", "Billable Hours (" + h.billableHours() + " hrs)", h.billableHours(),
                    h.hourlyRate().setScale(2, RoundingMode.HALF_UP), h.ticketCharge()));
        }
        for (Bill.Line li : b.lineItems()) {
            lines.add(new Line("Custom Services", "Custom Item: " + li.name() + " (" + li.type() + ")", BigDecimal.ONE, li.cost(), li.cost()));
        }
        return of(b, lines);
    }

    private static Invoice of(Bill b, List<Line> lines) {
        LocalDate invoiceDate = b.period().atEndOfMonth();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Line l : lines) {
            total = total.add(l.amount());
        }
        return new Invoice(number(b.company().accountNumber(), b.period()), b.company().accountNumber(), b.company().name(), b.period(),
                invoiceDate, invoiceDate.plusDays(30), b.planName(), b.termLength(), List.copyOf(lines), total);
    }

    /** {@code <company name stripped to alnum/space/_/->} with spaces → {@code _}, then {@code _YYYY-MM.<ext>}. */
    public String fileName(String ext) {
        String safe = customer == null ? account : customer.replaceAll("[^A-Za-z0-9 _-]", "").trim().replace(' ', '_');
        return (safe.isEmpty() ? account : safe) + "_" + period + "." + ext;
    }
}
