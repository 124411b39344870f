package com.hivematrix.codex.io;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.codex.company.ContractTerms;
import com.hivematrix.codex.ticket.TicketStatuses;
import com.hivematrix.codex.web.Rows;

/**
 * CSV import: every row is validated first (required columns, types, lengths, references,
 * duplicate keys within the file); a dry run reports the per-row errors and a preview, a commit
 * writes everything in one transaction or nothing at all. Existing rows are updated by their
 * natural key: companies by account number, contacts by e-mail, assets by company + hostname,
 * tickets by (external_id, external_source).
 */
@Service
public class CsvImportService {

    public static final int MAX_ROWS = 200_000;
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern ACCT = Pattern.compile("^[A-Za-z0-9_-]{1,50}$");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public CsvImportService(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public record RowError(int row, String field, String message) {
    }

    public record Result(boolean committed, int totalRows, int validRows, int created, int updated, List<RowError> errors,
            List<Map<String, String>> preview) {

        public Map<String, Object> toJson(boolean dryRun) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("success", errors.isEmpty());
            m.put("dry_run", dryRun);
            m.put("committed", committed);
            m.put("total_rows", totalRows);
            m.put("valid_rows", validRows);
            m.put("created", created);
            m.put("updated", updated);
            m.put("errors", errors.stream().map(e -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("row", e.row());
                x.put("field", e.field());
                x.put("message", e.message());
                return x;
            }).toList());
            m.put("preview", preview);
            return m;
        }
    }

    public String template(ImportKind kind) {
        return Csv.line(kind.columns);
    }

    public Result run(ImportKind kind, String csv, boolean dryRun) {
        List<RowError> errors = new ArrayList<>();
        List<List<String>> table;
        try {
            table = Csv.parse(csv == null ? "" : csv);
        } catch (Csv.MalformedCsvException e) {
            return new Result(false, 0, 0, 0, 0, List.of(new RowError(e.line, null, e.getMessage())), List.of());
        }
        if (table.isEmpty()) {
            return new Result(false, 0, 0, 0, 0, List.of(new RowError(1, null, "The file is empty; expected a header row")), List.of());
        }
        List<String> header = table.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!kind.columns.contains(h)) {
                errors.add(new RowError(1, h, "unknown column; expected some of " + String.join(", ", kind.columns)));
            } else if (!seen.add(h)) {
                errors.add(new RowError(1, h, "duplicate column"));
            }
        }
        for (String r : kind.required) {
            if (!header.contains(r)) {
                errors.add(new RowError(1, r, "required column is missing"));
            }
        }
        if (table.size() - 1 > MAX_ROWS) {
            errors.add(new RowError(1, null, "too many rows (max " + MAX_ROWS + ")"));
        }
        if (!errors.isEmpty()) {
            return new Result(false, table.size() - 1, 0, 0, 0, errors, List.of());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < table.size(); i++) {
            List<String> cells = table.get(i);
            if (cells.size() != header.size()) {
                errors.add(new RowError(i + 1, null, "has " + cells.size() + " cells, the header has " + header.size()));
                rows.add(null);
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = cells.get(c).trim();
                // undo the export's formula neutralisation so an export re-imports unchanged
                if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0) {
                    v = v.substring(1);
                }
                row.put(header.get(c), v.isEmpty() ? null : v);
            }
            rows.add(row);
        }
        Validator v = new Validator(kind, errors);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) != null) {
                v.validate(i + 2, rows.get(i));
            }
        }
        int invalidRows = (int) errors.stream().map(RowError::row).distinct().count();
        List<Map<String, String>> preview = rows.stream().filter(r -> r != null).limit(20).toList();
        int valid = rows.size() - invalidRows;
        if (!errors.isEmpty() || dryRun) {
            int[] counts = dryRun && errors.isEmpty() ? countExisting(kind, rows) : new int[] {0, 0};
            return new Result(false, rows.size(), valid, counts[0], counts[1], errors, preview);
        }
        int[] counts = tx.execute(status -> write(kind, rows));
        return new Result(true, rows.size(), valid, counts[0], counts[1], List.of(), preview);
    }

    /** Per-kind checks; references are checked against the database. */
    final class Validator {
        final ImportKind kind;
        final List<RowError> errors;
        final Set<String> keys = new HashSet<>();
        final Set<String> companies;

        Validator(ImportKind kind, List<RowError> errors) {
            this.kind = kind;
            this.errors = errors;
            this.companies = kind == ImportKind.COMPANIES ? Set.of()
                    : new HashSet<>(jdbc.sql("SELECT account_number FROM companies").query(String.class).list());
        }

        void validate(int line, Map<String, String> r) {
            for (String req : kind.required) {
                if (r.get(req) == null) {
                    errors.add(new RowError(line, req, "is required"));
                }
            }
            switch (kind) {
                case COMPANIES -> {
                    pattern(line, r, "account_number", ACCT, "must be 1-50 letters, digits, - or _");
                    max(line, r, "name", 150);
                    term(line, r);
                    date(line, r, "contract_start_date");
                    if (r.get("compliance_level") != null && !Set.of("standard", "cjis", "hipaa").contains(r.get("compliance_level"))) {
                        errors.add(new RowError(line, "compliance_level", "must be one of standard, cjis, hipaa"));
                    }
                    for (String f : List.of("plan_selected", "support_level", "email_system", "phone_system")) max(line, r, f, 100);
                    max(line, r, "company_main_number", 50);
                    key(line, "account_number", r.get("account_number"));
                }
                case CONTACTS -> {
                    pattern(line, r, "email", EMAIL, "must be an e-mail address");
                    max(line, r, "email", 150);
                    for (String f : List.of("first_name", "last_name", "name", "job_title")) max(line, r, f, 150);
                    for (String f : List.of("mobile_phone_number", "work_phone_number")) max(line, r, f, 50);
                    bool(line, r, "active");
                    bool(line, r, "vip_user");
                    integer(line, r, "external_id");
                    for (String acct : accts(r.get("company_account_numbers"))) {
                        if (!companies.contains(acct)) {
                            errors.add(new RowError(line, "company_account_numbers", "unknown company " + acct));
                        }
                    }
                    key(line, "email", r.get("email") == null ? null : r.get("email").toLowerCase(Locale.ROOT));
                }
                case ASSETS -> {
                    max(line, r, "hostname", 150);
                    company(line, r, "company_account_number", true);
                    bool(line, r, "online");
                    time(line, r, "last_seen");
                    decimal(line, r, "backup_usage_tb");
                    for (String f : List.of("hardware_type", "operating_system", "antivirus_product", "domain")) max(line, r, f, 100);
                    max(line, r, "device_type", 50);
                    key(line, "hostname", r.get("company_account_number") + "|" + (r.get("hostname") == null ? null : r.get("hostname").toLowerCase(Locale.ROOT)));
                }
                case TICKETS -> {
                    integer(line, r, "external_id");
                    company(line, r, "company_account_number", false);
                    integer(line, r, "responder_id");
                    integer(line, r, "group_id");
                    for (String f : List.of("created_at", "last_updated_at", "closed_at", "fr_due_by", "due_by", "first_responded_at")) {
                        time(line, r, f);
                    }
                    decimal(line, r, "total_hours_spent");
                    if (r.get("priority") != null && !Set.of("low", "medium", "high", "urgent").contains(r.get("priority"))) {
                        errors.add(new RowError(line, "priority", "must be one of low, medium, high, urgent"));
                    }
                    max(line, r, "status", 50);
                    key(line, "external_id", r.get("external_id") + "|" + source(r));
                }
            }
        }

        void key(int line, String field, String key) {
            if (key != null && !keys.add(key)) {
                errors.add(new RowError(line, field, "duplicate key in this file"));
            }
        }

        void company(int line, Map<String, String> r, String f, boolean required) {
            String acct = r.get(f);
            if (acct != null && !companies.contains(acct)) {
                errors.add(new RowError(line, f, "unknown company " + acct));
            }
        }

        void term(int line, Map<String, String> r) {
            String t = r.get("contract_term_length");
            if (t != null && !ContractTerms.isKnown(ContractTerms.normalize(t))) {
                errors.add(new RowError(line, "contract_term_length", "must be one of " + String.join(", ", ContractTerms.ALL)));
            }
        }

        void max(int line, Map<String, String> r, String f, int max) {
            if (r.get(f) != null && r.get(f).length() > max) {
                errors.add(new RowError(line, f, "must be at most " + max + " characters"));
            }
        }

        void pattern(int line, Map<String, String> r, String f, Pattern p, String msg) {
            if (r.get(f) != null && !p.matcher(r.get(f)).matches()) {
                errors.add(new RowError(line, f, msg));
            }
        }

        void bool(int line, Map<String, String> r, String f) {
            if (r.get(f) != null && parseBool(r.get(f)) == null) {
                errors.add(new RowError(line, f, "must be true or false"));
            }
        }

        void integer(int line, Map<String, String> r, String f) {
            try {
                if (r.get(f) != null) Long.parseLong(r.get(f));
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, f, "must be a whole number"));
            }
        }

        void decimal(int line, Map<String, String> r, String f) {
            try {
                if (r.get(f) != null && new BigDecimal(r.get(f)).signum() < 0) {
                    errors.add(new RowError(line, f, "must not be negative"));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, f, "must be a number"));
            }
        }

        void date(int line, Map<String, String> r, String f) {
            try {
                if (r.get(f) != null) LocalDate.parse(r.get(f));
            } catch (DateTimeParseException e) {
                errors.add(new RowError(line, f, "must be a date YYYY-MM-DD"));
            }
        }

        void time(int line, Map<String, String> r, String f) {
            if (r.get(f) != null && parseTime(r.get(f)) == null) {
                errors.add(new RowError(line, f, "must be an ISO-8601 time with offset, e.g. 2025-01-31T09:00:00Z"));
            }
        }
    }

    static Boolean parseBool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> Boolean.TRUE;
            case "false", "0", "no", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Timestamp parseTime(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Timestamp.from(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Timestamp.from(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static List<String> accts(String s) {
        return s == null ? List.of() : Arrays.stream(s.split("[;|]")).map(String::trim).filter(x -> !x.isEmpty()).distinct().toList();
    }

    static String source(Map<String, String> r) {
        return r.get("external_source") == null ? "freshservice" : r.get("external_source");
    }

    private int[] countExisting(ImportKind kind, List<Map<String, String>> rows) {
        Set<String> existing = existingKeys(kind);
        int updated = 0;
        for (Map<String, String> r : rows) {
            if (existing.contains(naturalKey(kind, r))) updated++;
        }
        return new int[] {rows.size() - updated, updated};
    }

    private Set<String> existingKeys(ImportKind kind) {
        String sql = switch (kind) {
            case COMPANIES -> "SELECT account_number FROM companies";
            case CONTACTS -> "SELECT lower(email) FROM contacts";
            case ASSETS -> "SELECT company_account_number || '|' || lower(hostname) FROM assets";
            case TICKETS -> "SELECT external_id || '|' || external_source FROM ticket_details";
        };
        return new HashSet<>(jdbc.sql(sql).query(String.class).list());
    }

    static String naturalKey(ImportKind kind, Map<String, String> r) {
        return switch (kind) {
            case COMPANIES -> r.get("account_number");
            case CONTACTS -> r.get("email").toLowerCase(Locale.ROOT);
            case ASSETS -> r.get("company_account_number") + "|" + r.get("hostname").toLowerCase(Locale.ROOT);
            case TICKETS -> r.get("external_id") + "|" + source(r);
        };
    }

    private int[] write(ImportKind kind, List<Map<String, String>> rows) {
        Map<String, Long> ids = new HashMap<>();
        if (kind == ImportKind.CONTACTS) {
            jdbc.sql("SELECT lower(email), min(id) FROM contacts GROUP BY 1").query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        } else if (kind == ImportKind.ASSETS) {
            jdbc.sql("SELECT company_account_number || '|' || lower(hostname), min(id) FROM assets GROUP BY 1")
                    .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        }
        Set<String> existing = existingKeys(kind);
        int created = 0, updated = 0;
        for (Map<String, String> r : rows) {
            boolean exists = existing.contains(naturalKey(kind, r));
            if (exists) updated++; else created++;
            switch (kind) {
                case COMPANIES -> writeCompany(r);
                case CONTACTS -> writeContact(r, ids.get(naturalKey(kind, r)));
                case ASSETS -> writeAsset(r, ids.get(naturalKey(kind, r)));
                case TICKETS -> writeTicket(r);
            }
        }
        return new int[] {created, updated};
    }

    private void writeCompany(Map<String, String> r) {
        String term = ContractTerms.normalize(r.get("contract_term_length"));
        LocalDate start = r.get("contract_start_date") == null ? null : LocalDate.parse(r.get("contract_start_date"));
        LocalDate end = ContractTerms.endDate(start, term);
        String domains = r.get("domains") == null ? null : Rows.JSON.writeValueAsString(accts(r.get("domains")));
        jdbc.sql("""
                INSERT INTO companies (account_number, name, description, plan_selected, billing_plan, contract_term_length, contract_term,
                    contract_start_date, contract_end_date, support_level, compliance_level, email_system, phone_system,
                    company_main_number, address, domains, psa_provider, external_source)
                VALUES (:acct, :name, :description, :plan, :plan, :term, :term, :start, :end, :support, coalesce(:compliance, 'standard'),
                    :email, :phone, :main, :address, :domains, 'import', 'import')
                ON CONFLICT (account_number) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    plan_selected = EXCLUDED.plan_selected, billing_plan = EXCLUDED.billing_plan,
                    contract_term_length = EXCLUDED.contract_term_length, contract_start_date = EXCLUDED.contract_start_date,
                    contract_end_date = EXCLUDED.contract_end_date, support_level = EXCLUDED.support_level,
                    compliance_level = coalesce(:compliance, companies.compliance_level), email_system = EXCLUDED.email_system,
                    phone_system = EXCLUDED.phone_system, company_main_number = EXCLUDED.company_main_number,
                    address = EXCLUDED.address, domains = EXCLUDED.domains, updated_at = now()""")
                .param("acct", r.get("account_number")).param("name", r.get("name")).param("description", r.get("description"))
                .param("plan", r.get("plan_selected")).param("term", term).param("start", start).param("end", end)
                .param("support", r.get("support_level")).param("compliance", r.get("compliance_level"))
                .param("email", r.get("email_system")).param("phone", r.get("phone_system")).param("main", r.get("company_main_number"))
                .param("address", r.get("address")).param("domains", domains).update();
    }

    private void writeContact(Map<String, String> r, Long existingId) {
        String email = r.get("email");
        String name = r.get("name");
        if (name == null) {
            name = ((r.get("first_name") == null ? "" : r.get("first_name")) + " " + (r.get("last_name") == null ? "" : r.get("last_name"))).trim();
            if (name.isEmpty()) name = email.substring(0, email.indexOf('@'));
        }
        Boolean active = r.get("active") == null ? Boolean.TRUE : parseBool(r.get("active"));
        Boolean vip = r.get("vip_user") == null ? Boolean.FALSE : parseBool(r.get("vip_user"));
        Map<String, Object> p = new HashMap<>();
        p.put("email", email);
        p.put("first", r.get("first_name"));
        p.put("last", r.get("last_name"));
        p.put("name", name);
        p.put("title", r.get("job_title"));
        p.put("mobile", r.get("mobile_phone_number"));
        p.put("work", r.get("work_phone_number"));
        p.put("employment", r.get("employment_type") == null ? "Full Time" : r.get("employment_type"));
        p.put("active", active);
        p.put("vip", vip);
        p.put("ext", r.get("external_id") == null ? null : Long.parseLong(r.get("external_id")));
        long id;
        if (existingId == null) {
            id = jdbc.sql("""
                    INSERT INTO contacts (email, primary_email, first_name, last_name, name, job_title, title, mobile_phone_number,
                        work_phone_number, employment_type, active, vip_user, external_id, external_source)
                    VALUES (:email, :email, :first, :last, :name, :title, :title, :mobile, :work, :employment, :active, :vip, :ext, 'import')
                    RETURNING id""").params(p).query(Long.class).single();
        } else {
            id = existingId;
            p.put("id", id);
            jdbc.sql("""
                    UPDATE contacts SET email = :email, primary_email = :email, first_name = :first, last_name = :last, name = :name,
                        job_title = :title, title = :title, mobile_phone_number = :mobile, work_phone_number = :work,
                        employment_type = :employment, active = :active, vip_user = :vip, external_id = coalesce(:ext, external_id),
                        updated_at = now() WHERE id = :id""").params(p).update();
        }
        for (String acct : accts(r.get("company_account_numbers"))) {
            jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(id, acct).update();
        }
    }

    private void writeAsset(Map<String, String> r, Long existingId) {
        Map<String, Object> p = new HashMap<>();
        for (String f : List.of("hostname", "company_account_number", "hardware_type", "device_type", "operating_system", "antivirus_product",
                "int_ip_address", "ext_ip_address", "domain", "last_logged_in_user", "patch_status", "description")) {
            p.put(f, r.get(f));
        }
        p.put("online", r.get("online") != null && Boolean.TRUE.equals(parseBool(r.get("online"))));
        p.put("last_seen", parseTime(r.get("last_seen")));
        p.put("backup_usage_tb", r.get("backup_usage_tb") == null ? null : new BigDecimal(r.get("backup_usage_tb")));
        if (existingId == null) {
            jdbc.sql("""
                    INSERT INTO assets (hostname, company_account_number, hardware_type, device_type, operating_system, antivirus_product,
                        int_ip_address, ext_ip_address, domain, last_logged_in_user, online, last_seen, patch_status, backup_usage_tb, description)
                    VALUES (:hostname, :company_account_number, :hardware_type, :device_type, :operating_system, :antivirus_product,
                        :int_ip_address, :ext_ip_address, :domain, :last_logged_in_user, :online, :last_seen, :patch_status,
                        :backup_usage_tb, :description)""").params(p).update();
        } else {
            p.put("id", existingId);
            jdbc.sql("""
                    UPDATE assets SET hostname = :hostname, hardware_type = :hardware_type, device_type = :device_type,
                        operating_system = :operating_system, antivirus_product = :antivirus_product, int_ip_address = :int_ip_address,
                        ext_ip_address = :ext_ip_address, domain = :domain, last_logged_in_user = :last_logged_in_user, online = :online,
                        last_seen = :last_seen, patch_status = :patch_status, backup_usage_tb = :backup_usage_tb,
                        description = :description, updated_at = now() WHERE id = :id""").params(p).update();
        }
    }

    private void writeTicket(Map<String, String> r) {
        Map<String, Object> p = new HashMap<>();
        long ext = Long.parseLong(r.get("external_id"));
        p.put("ext", ext);
        p.put("src", source(r));
        p.put("acct", r.get("company_account_number"));
        p.put("subject", r.get("subject"));
        p.put("dtext", r.get("description_text"));
        p.put("status", r.get("status"));
        p.put("status_id", TicketStatuses.FS_STATUS.entrySet().stream().filter(e -> e.getValue().equals(r.get("status")))
                .map(Map.Entry::getKey).findFirst().orElse(null));
        String priority = r.get("priority") == null ? "medium" : r.get("priority");
        p.put("priority", priority);
        p.put("priority_id", TicketStatuses.FS_PRIORITY.entrySet().stream().filter(e -> e.getValue().equals(priority))
                .map(Map.Entry::getKey).findFirst().orElse(null));
        p.put("type", r.get("ticket_type") == null ? "Incident" : r.get("ticket_type"));
        p.put("remail", r.get("requester_email"));
        p.put("rname", r.get("requester_name"));
        p.put("responder", r.get("responder_id") == null ? null : Long.parseLong(r.get("responder_id")));
        p.put("group", r.get("group_id") == null ? null : Long.parseLong(r.get("group_id")));
        p.put("created", parseTime(r.get("created_at")));
        p.put("updated", parseTime(r.get("last_updated_at")));
        p.put("closed", parseTime(r.get("closed_at")));
        p.put("hours", r.get("total_hours_spent") == null ? BigDecimal.ZERO : new BigDecimal(r.get("total_hours_spent")));
        p.put("fr_due", parseTime(r.get("fr_due_by")));
        p.put("due", parseTime(r.get("due_by")));
        p.put("responded", parseTime(r.get("first_responded_at")));
        jdbc.sql("""
                INSERT INTO ticket_details (external_id, external_source, company_account_number, ticket_number, subject, description_text,
                    status, status_id, priority, priority_id, ticket_type, requester_email, requester_name, responder_id, group_id,
                    created_at, last_updated_at, closed_at, total_hours_spent, fr_due_by, due_by, first_responded_at)
                VALUES (:ext, :src, :acct, :ext::text, :subject, :dtext, :status, :status_id, :priority, :priority_id, :type, :remail, :rname,
                    :responder, :group, :created, :updated, :closed, :hours, :fr_due, :due, :responded)
                ON CONFLICT (external_id, external_source) DO UPDATE SET company_account_number = EXCLUDED.company_account_number,
                    subject = EXCLUDED.subject, description_text = EXCLUDED.description_text, status = EXCLUDED.status,
                    status_id = EXCLUDED.status_id, priority = EXCLUDED.priority, priority_id = EXCLUDED.priority_id,
                    ticket_type = EXCLUDED.ticket_type, requester_email = EXCLUDED.requester_email, requester_name = EXCLUDED.requester_name,
                    responder_id = EXCLUDED.responder_id, group_id = EXCLUDED.group_id, created_at = EXCLUDED.created_at,
                    last_updated_at = EXCLUDED.last_updated_at, closed_at = EXCLUDED.closed_at,
                    total_hours_spent = EXCLUDED.total_hours_spent, fr_due_by = EXCLUDED.fr_due_by, due_by = EXCLUDED.due_by,
                    first_responded_at = EXCLUDED.first_responded_at""").params(p).update();
    }
}
