package com.hivematrix.codex.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.hivematrix.codex.company.CompanyQueries;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * CSV templates, imports (dry run by default) and exports of the lists. Import is admin-only (or a
 * service token: the launcher's demo load); export is for staff users and services.
 */
@RestController
@Tag(name = "Import and export")
public class ImportExportController {

    static final String IMPORTERS = "hasAnyRole('ADMIN','SERVICE')";
    static final String EXPORTERS = "hasAnyRole('ADMIN','TECHNICIAN','BILLING','SERVICE')";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CsvImportService imports;
    private final JdbcClient jdbc;

    public ImportExportController(CsvImportService imports, JdbcClient jdbc) {
        this.imports = imports;
        this.jdbc = jdbc;
    }

    static ImportKind kind(String path) {
        ImportKind k = ImportKind.of(path);
        if (k == null) {
            throw ProblemException.notFound("No import for '" + path + "'; expected companies, contacts, assets or tickets");
        }
        return k;
    }

    @GetMapping("/api/import/{kind}/template")
    @PreAuthorize(EXPORTERS)
    public ResponseEntity<String> template(@PathVariable String kind) {
        ImportKind k = kind(kind);
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + k.path() + "_template.csv").body(imports.template(k));
    }

    @PostMapping(path = "/api/import/{kind}", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize(IMPORTERS)
    @Operation(summary = "Import a CSV body. dry_run=true (default) validates and previews; dry_run=false commits all rows or none")
    public ResponseEntity<Map<String, Object>> importCsv(@PathVariable String kind, @RequestBody(required = false) String body,
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) {
        return respond(imports.run(kind(kind), body, dryRun), dryRun);
    }

    @PostMapping(path = "/api/import/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(IMPORTERS)
    public ResponseEntity<Map<String, Object>> importFile(@PathVariable String kind, @RequestParam("file") MultipartFile file,
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) throws IOException {
        return respond(imports.run(kind(kind), new String(file.getBytes(), StandardCharsets.UTF_8), dryRun), dryRun);
    }

    static ResponseEntity<Map<String, Object>> respond(CsvImportService.Result r, boolean dryRun) {
        return ResponseEntity.status(r.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(r.toJson(dryRun));
    }

    @GetMapping("/api/export/{kind}")
    @PreAuthorize(EXPORTERS)
    @Operation(summary = "CSV export of a list with the list's filters (search, show_inactive, company_id)")
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String kind, @RequestParam(required = false) String search,
            @RequestParam(name = "show_inactive", required = false) String showInactive,
            @RequestParam(name = "company_id", required = false) String companyId) {
        ImportKind k = kind(kind);
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        boolean q = search != null && !search.isBlank();
        if (q) {
            params.put("q", CompanyQueries.like(search));
        }
        String sql = switch (k) {
            case COMPANIES -> {
                if (q) where.append(" AND (c.name ILIKE :q OR c.account_number ILIKE :q OR c.description ILIKE :q)");
                yield """
                        SELECT c.account_number, c.name, c.description, c.plan_selected, c.contract_term_length,
                               c.contract_start_date::text, c.support_level, c.compliance_level, c.email_system, c.phone_system,
                               c.company_main_number, c.address,
                               (SELECT string_agg(d, ';') FROM jsonb_array_elements_text(CASE WHEN c.domains LIKE '[%' THEN c.domains::jsonb ELSE '[]'::jsonb END) d)
                        FROM companies c""" + where + " ORDER BY lower(c.name), c.account_number";
            }
            case CONTACTS -> {
                if (!"1".equals(showInactive) && !"true".equalsIgnoreCase(showInactive)) where.append(" AND ct.active");
                if (q) where.append(" AND (ct.name ILIKE :q OR ct.email ILIKE :q OR ct.mobile_phone_number ILIKE :q OR ct.work_phone_number ILIKE :q)");
                if (companyId != null) {
                    where.append(" AND EXISTS (SELECT 1 FROM contact_company_link l WHERE l.contact_id = ct.id AND l.company_account_number = :acct)");
                    params.put("acct", companyId);
                }
                yield """
                        SELECT ct.email, ct.first_name, ct.last_name, ct.name,
                               (SELECT string_agg(l.company_account_number, ';' ORDER BY l.company_account_number) FROM contact_company_link l WHERE l.contact_id = ct.id),
                               ct.job_title, ct.mobile_phone_number, ct.work_phone_number, ct.employment_type, ct.active, ct.vip_user, ct.external_id
                        FROM contacts ct""" + where + " ORDER BY lower(ct.name), ct.id";
            }
            case ASSETS -> {
                if (q) where.append(" AND (a.hostname ILIKE :q OR a.description ILIKE :q OR a.rmm_site_name ILIKE :q OR c.name ILIKE :q)");
                if (companyId != null) {
                    where.append(" AND a.company_account_number = :acct");
                    params.put("acct", companyId);
                }
                yield """
                        SELECT a.hostname, a.company_account_number, a.hardware_type, a.device_type, a.operating_system, a.antivirus_product,
                               a.int_ip_address, a.ext_ip_address, a.domain, a.last_logged_in_user, a.online,
                               to_char(a.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), a.patch_status, a.backup_usage_tb::text, a.description
                        FROM assets a LEFT JOIN companies c ON c.account_number = a.company_account_number""" + where + " ORDER BY lower(a.hostname), a.id";
            }
            case TICKETS -> {
                if (companyId != null) {
                    where.append(" AND t.company_account_number = :acct");
                    params.put("acct", companyId);
                }
                if (q) where.append(" AND t.subject ILIKE :q");
                yield """
                        SELECT t.external_id, t.external_source, t.company_account_number, t.subject, t.description_text, t.status, t.priority,
                               t.ticket_type, t.requester_email, t.requester_name, t.responder_id, t.group_id,
                               to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                               to_char(t.last_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                               to_char(t.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.total_hours_spent::text
                        FROM ticket_details t""" + where + " ORDER BY t.last_updated_at DESC NULLS LAST, t.id";
            }
        };
        StreamingResponseBody body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(Csv.line(k.columns));
            jdbc.sql(sql).params(params).query(rs -> {
                int n = rs.getMetaData().getColumnCount();
                List<Object> cells = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    cells.add(rs.getObject(i));
                }
                try {
                    w.write(Csv.line(cells));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.flush();
        };
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + k.path() + ".csv").body(body);
    }
}
