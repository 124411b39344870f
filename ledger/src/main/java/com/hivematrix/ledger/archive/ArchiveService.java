package com.hivematrix.ledger.archive;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.ledger.billing.BillView;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.invoice.Invoice;
import com.hivematrix.ledger.invoice.InvoiceRenderer;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.ObjectMapper;

/**
 * The archive's writes. Accepting stores one immutable snapshot (bill JSON, CSV and lines from ONE
 * calculation); the unique (account, year, month, revision) constraint decides between concurrent
 * accepts. A bill is corrected by voiding it (an immutable credit-note record; the snapshot itself
 * never changes) and accepting the period again, which stores revision n+1.
 */
@Service
public class ArchiveService {

    public static final String ALREADY_ARCHIVED = "This bill has already been archived";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public ArchiveService(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public record Accepted(String invoiceNumber, int revision) {
    }

    /** The period's current (not voided) snapshot's invoice number, if any. */
    public Optional<String> current(String acct, YearMonth p) {
        return jdbc.sql("""
                SELECT s.invoice_number FROM billing_snapshots s
                WHERE s.company_account_number = ? AND s.billing_year = ? AND s.billing_month = ?
                  AND NOT EXISTS (SELECT 1 FROM snapshot_voids v WHERE v.snapshot_id = s.id)
                ORDER BY s.revision DESC LIMIT 1""").params(acct, p.getYear(), p.getMonthValue()).query(String.class).optional();
    }

    /** Archives {@code bill}; 409 problem when the period already has a snapshot that is not voided. */
    public Accepted accept(Bill bill, String actor, String notes) {
        String acct = bill.company().accountNumber();
        YearMonth p = bill.period();
        try {
            return tx.execute(s -> {
                List<Map<String, Object>> latest = jdbc.sql("""
                        SELECT s.revision, s.invoice_number, EXISTS (SELECT 1 FROM snapshot_voids v WHERE v.snapshot_id = s.id) AS voided
                        FROM billing_snapshots s WHERE s.company_account_number = ? AND s.billing_year = ? AND s.billing_month = ?
                        ORDER BY s.revision DESC LIMIT 1""").params(acct, p.getYear(), p.getMonthValue()).query().listOfRows();
                if (!latest.isEmpty() && !Boolean.TRUE.equals(latest.get(0).get("voided"))) {
                    throw conflict((String) latest.get(0).get("invoice_number"));
                }
                int revision = latest.isEmpty() ? 1 : ((Number) latest.get(0).get("revision")).intValue() + 1;
                Invoice inv = Invoice.standard(bill).revision(revision);
                insert(bill, inv, revision, actor, notes);
                return new Accepted(inv.number(), revision);
            });
        } catch (DuplicateKeyException e) {
            throw conflict(current(acct, p).orElse(Invoice.number(acct, p)));
        }
    }

    static ProblemException conflict(String invoiceNumber) {
        return ProblemException.conflict(ALREADY_ARCHIVED + " as " + invoiceNumber).with("success", false).with("error", ALREADY_ARCHIVED)
                .with("invoice_number", invoiceNumber);
    }

    private void insert(Bill b, Invoice inv, int revision, String actor, String notes) {
        String csv = InvoiceRenderer.csv(inv);
        String data = json.writeValueAsString(BillView.of(b));
        long id = jdbc.sql("""
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year, billing_month, revision,
                  invoice_date, due_date, billing_plan, contract_term, support_level, total_amount, total_user_charges, total_asset_charges,
                  total_backup_charges, total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                  billing_data_json, invoice_csv, created_by, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id""")
                .params(b.company().accountNumber(), b.company().name() == null ? b.company().accountNumber() : b.company().name(),
                        inv.number(), b.period().getYear(), b.period().getMonthValue(), revision, inv.invoiceDate(), inv.dueDate(), b.planName(),
                        b.termLength(), b.supportLevel(), b.total(), b.totalUserCharges(), b.totalAssetCharges(), b.backup().charge(),
                        b.hours().ticketCharge(), b.totalLineItemCharges(), (int) b.users().stream().filter(l -> l.cost().signum() > 0).count(),
                        (int) b.assets().stream().filter(l -> l.cost().signum() > 0).count(), b.hours().billableHours(), data, csv, actor, notes)
                .query(Long.class).single();
        List<Object[]> lines = new ArrayList<>();
        b.users().stream().filter(l -> l.cost().signum() > 0).forEach(l -> lines.add(new Object[] {"user", l.name(), l.type(), BigDecimal.ONE, l.cost(), l.cost()}));
        b.assets().stream().filter(l -> l.cost().signum() > 0).forEach(l -> lines.add(new Object[] {"asset", l.name(), l.type(), BigDecimal.ONE, l.cost(), l.cost()}));
        if (b.backup().charge().signum() > 0) {
            lines.add(new Object[] {"backup", "Backup Services", null, BigDecimal.ONE, b.backup().charge(), b.backup().charge()});
        }
        if (b.hours().billableHours().signum() > 0) {
            lines.add(new Object[] {"ticket", "Billable Hours", null, b.hours().billableHours(), b.hours().hourlyRate(), b.hours().ticketCharge()});
        }
        b.lineItems().forEach(l -> lines.add(new Object[] {"custom", l.name(), l.type(), BigDecimal.ONE, l.cost(), l.cost()}));
        for (Object[] l : lines) {
            jdbc.sql("INSERT INTO snapshot_line_items (snapshot_id, line_type, item_name, description, quantity, rate, amount) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)").params(id, l[0], l[1], l[2], l[3], l[4], l[5]).update();
        }
    }

    /**
     * Voids an archived bill: records credit note {@code CN-<invoice>} for its full amount. 404 for an
     * unknown invoice, 409 when it is already voided, 422 without a reason.
     */
    public Map<String, Object> voidBill(String invoiceNumber, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.unprocessable("A reason is required to void a bill", List.of(Map.of("field", "reason", "message", "is required")))
                    .with("error", "Invalid input");
        }
        if (reason.length() > 2000) {
            throw ProblemException.unprocessable("reason must be at most 2000 characters",
                    List.of(Map.of("field", "reason", "message", "must be at most 2000 characters"))).with("error", "Invalid input");
        }
        Map<String, Object> snap = jdbc.sql("SELECT id, total_amount FROM billing_snapshots WHERE invoice_number = ?").param(invoiceNumber)
                .query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Snapshot " + invoiceNumber + " not found").with("error", "Snapshot not found"));
        String credit = "CN-" + invoiceNumber;
        try {
            tx.executeWithoutResult(s -> jdbc.sql("INSERT INTO snapshot_voids (snapshot_id, credit_note_number, credit_amount, reason, voided_by) "
                    + "VALUES (?, ?, ?, ?, ?)").params(snap.get("id"), credit, ((BigDecimal) snap.get("total_amount")).negate(), reason.trim(), actor)
                    .update());
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict(invoiceNumber + " is already voided").with("error", "This bill has already been voided");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("invoice_number", invoiceNumber);
        out.put("credit_note_number", credit);
        out.put("credit_amount", ((BigDecimal) snap.get("total_amount")).negate());
        out.put("message", invoiceNumber + " voided; accept the period again to reissue it");
        return out;
    }

    /** The void (credit note) of a snapshot, or empty. */
    public Optional<Map<String, Object>> voidOf(long snapshotId) {
        return jdbc.sql("SELECT credit_note_number, credit_amount, reason, voided_by, voided_at FROM snapshot_voids WHERE snapshot_id = ?")
                .param(snapshotId).query().listOfRows().stream().findFirst();
    }
}
