package com.hivematrix.ledger.archive;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.invoice.Invoice;
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
    private final ArchiveService archive;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ArchiveController(BillingService billing, ArchiveService archive, JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.billing = billing;
        this.archive = archive;
        this.jdbc = jdbc;
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
        ArchiveService.Accepted a = archive.accept(billing.bill(acct, period), Access.actor(auth), notes);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Bill accepted and archived as " + a.invoiceNumber());
        out.put("invoice_number", a.invoiceNumber());
        out.put("revision", a.revision());
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    /** Void an archived bill (credit note); the period can then be accepted again as the next revision. */
    @PostMapping("/archive/api/snapshot/{invoiceNumber}/void")
    public ResponseEntity<Map<String, Object>> voidBill(@PathVariable String invoiceNumber, @RequestBody(required = false) JsonNode body,
            Authentication auth) {
        String reason = body != null && body.hasNonNull("reason") ? body.get("reason").asString() : null;
        return ResponseEntity.status(HttpStatus.CREATED).body(archive.voidBill(invoiceNumber, reason, Access.actor(auth)));
    }

    @GetMapping("/api/bill/check-archived/{acct}")
    public Map<String, Object> checkArchived(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        YearMonth p = Periods.of(year, month, clock);
        return archive.current(acct, p).<Map<String, Object>>map(n -> Map.of("invoice_number", n, "is_archived", true))
                .orElse(Map.of("invoice_number", Invoice.number(acct, p), "is_archived", false));
    }

    static final String SUMMARY_COLUMNS = "id, company_account_number, company_name, invoice_number, billing_year, billing_month, revision, "
            + "invoice_date::text AS invoice_date, archived_at, total_amount, user_count, asset_count, "
            + "EXISTS (SELECT 1 FROM snapshot_voids v WHERE v.snapshot_id = billing_snapshots.id) AS voided";

    @GetMapping("/archive/api/snapshots/search")
    public Map<String, Object> search(@RequestParam(name = "account_number", required = false) String acct,
            @RequestParam(name = "company_name", required = false) String name, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer month, @RequestParam(name = "from_date", required = false) LocalDate from,
            @RequestParam(name = "to_date", required = false) LocalDate to, @RequestParam(defaultValue = "100") int limit,
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
        if (from != null) {
            where.append(" AND archived_at >= :from");
            p.put("from", from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime());
        }
        if (to != null) {
            where.append(" AND archived_at < :to");
            p.put("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime());
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

    @GetMapping("/archive/api/snapshots/company/{acct}")
    public Map<String, Object> company(@PathVariable String acct) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, company_name, invoice_number, billing_year, billing_month, revision, "
                + "invoice_date::text AS invoice_date, archived_at, total_amount, billing_plan, contract_term, "
                + "EXISTS (SELECT 1 FROM snapshot_voids v WHERE v.snapshot_id = billing_snapshots.id) AS voided "
                + "FROM billing_snapshots WHERE company_account_number = ? ORDER BY billing_year DESC, billing_month DESC, revision DESC")
                .param(acct).query().listOfRows();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("company_account_number", acct);
        out.put("company_name", rows.isEmpty() ? null : rows.get(0).get("company_name"));
        out.put("total_snapshots", rows.size());
        out.put("snapshots", rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.remove("company_name");
            return m;
        }).toList());
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
        out.put("void", archive.voidOf(((Number) row.get("id")).longValue()).orElse(null));
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
