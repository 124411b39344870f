package com.hivematrix.ledger.archive;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.billing.BillView;
import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.invoice.Invoice;
import com.hivematrix.ledger.invoice.InvoiceRenderer;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Accepting a bill stores one immutable snapshot (§A8): the bill JSON, its CSV and its lines all
 * come from ONE calculation; the unique (account, year, month, revision) constraint decides
 * between concurrent accepts, the loser gets 409. Reads need billing or admin.
 */
@RestController
@PreAuthorize(Access.BILLING)
public class ArchiveController {

    private final BillingService billing;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public ArchiveController(BillingService billing, JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.billing = billing;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/bill/accept")
    public ResponseEntity<Map<String, Object>> accept(@RequestBody JsonNode body, Authentication auth) {
        if (body == null || !body.isObject() || !body.hasNonNull("account_number") || !body.hasNonNull("year") || !body.hasNonNull("month")) {
            throw ProblemException.badRequest("account_number, year and month are required")
                    .with("success", false).with("error", "Missing required fields: account_number, year, month");
        }
        String acct = body.get("account_number").asString();
        YearMonth period = Periods.of(body.get("year").asString(), body.get("month").asString(), clock);
        String notes = body.hasNonNull("notes") ? body.get("notes").asString() : null;
        Bill bill = billing.bill(acct, period);
        Invoice inv = Invoice.standard(bill);
        String csv = InvoiceRenderer.csv(inv);
        String data = json.writeValueAsString(BillView.of(bill));
        try {
            tx.executeWithoutResult(s -> insert(bill, inv, csv, data, Access.actor(auth), notes));
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("This bill has already been archived").with("success", false)
                    .with("error", "This bill has already been archived").with("invoice_number", inv.number());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Bill accepted and archived as " + inv.number());
        out.put("invoice_number", inv.number());
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    private void insert(Bill b, Invoice inv, String csv, String data, String actor, String notes) {
        long id = jdbc.sql("""
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year, billing_month, revision,
                  invoice_date, due_date, billing_plan, contract_term, support_level, total_amount, total_user_charges, total_asset_charges,
                  total_backup_charges, total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                  billing_data_json, invoice_csv, created_by, notes)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id""")
                .params(b.company().accountNumber(), b.company().name() == null ? b.company().accountNumber() : b.company().name(),
                        inv.number(), b.period().getYear(), b.period().getMonthValue(), inv.invoiceDate(), inv.dueDate(), b.planName(),
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

    @GetMapping("/api/bill/check-archived/{acct}")
    public Map<String, Object> checkArchived(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        YearMonth p = Periods.of(year, month, clock);
        boolean archived = jdbc.sql("SELECT count(*) FROM billing_snapshots WHERE company_account_number = ? AND billing_year = ? AND billing_month = ?")
                .params(acct, p.getYear(), p.getMonthValue()).query(Long.class).single() > 0;
        return Map.of("invoice_number", Invoice.number(acct, p), "is_archived", archived);
    }

    static final String SUMMARY_COLUMNS = "id, company_account_number, company_name, invoice_number, billing_year, billing_month, revision, "
            + "invoice_date::text AS invoice_date, archived_at, total_amount, user_count, asset_count";

    @GetMapping("/archive/api/snapshots/search")
    public Map<String, Object> search(@RequestParam(name = "account_number", required = false) String acct,
            @RequestParam(name = "company_name", required = false) String name, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer month, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ProblemException.badRequest("limit must be 1–1000 and offset ≥ 0");
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> p = new LinkedHashMap<>();
        if (acct != null && !acct.isBlank()) {
            where.append(" AND company_account_number = :acct");
            p.put("acct", acct.trim());
        }
        if (name != null && !name.isBlank()) {
            where.append(" AND lower(company_name) LIKE :name ESCAPE '\\'");
            p.put("name", "%" + name.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (year != null) {
            where.append(" AND billing_year = :year");
            p.put("year", year);
        }
        if (month != null) {
            where.append(" AND billing_month = :month");
            p.put("month", month);
        }
        long total = jdbc.sql("SELECT count(*) FROM billing_snapshots" + where).params(p).query(Long.class).single();
        List<Map<String, Object>> rows = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM billing_snapshots" + where
                + " ORDER BY archived_at DESC, id DESC LIMIT :limit OFFSET :offset").params(p).param("limit", limit).param("offset", offset)
                .query().listOfRows();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("limit", limit);
        out.put("offset", offset);
        out.put("results", rows);
        return out;
    }

    @GetMapping("/archive/api/snapshot/{invoiceNumber}")
    public Map<String, Object> snapshot(@PathVariable String invoiceNumber) {
        Map<String, Object> row = jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", due_date::text AS due_date, billing_plan, contract_term, "
                + "support_level, total_user_charges, total_asset_charges, total_backup_charges, total_ticket_charges, "
                + "total_line_item_charges, billable_hours, created_by, notes, billing_data_json::text AS billing_data_json "
                + "FROM billing_snapshots WHERE invoice_number = ?").param(invoiceNumber).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Snapshot " + invoiceNumber + " not found").with("error", "Snapshot not found"));
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put("billing_data", json.readTree((String) out.remove("billing_data_json")));
        out.put("line_items", jdbc.sql("SELECT line_type, item_name, description, quantity, rate, amount FROM snapshot_line_items "
                + "WHERE snapshot_id = ? ORDER BY id").param(row.get("id")).query().listOfRows());
        return out;
    }

    @GetMapping("/archive/api/snapshot/{invoiceNumber}/csv")
    public ResponseEntity<byte[]> snapshotCsv(@PathVariable String invoiceNumber) {
        Map<String, Object> row = jdbc.sql("SELECT company_name, billing_year, billing_month, invoice_csv FROM billing_snapshots WHERE invoice_number = ?")
                .param(invoiceNumber).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Snapshot " + invoiceNumber + " not found").with("error", "Snapshot not found"));
        String safe = ((String) row.get("company_name")).replaceAll("[^A-Za-z0-9 _-]", "").trim().replace(' ', '_');
        String name = safe + "_" + YearMonth.of((Integer) row.get("billing_year"), (Integer) row.get("billing_month")) + ".csv";
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(((String) row.get("invoice_csv")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
