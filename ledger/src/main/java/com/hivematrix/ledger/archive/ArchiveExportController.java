package com.hivematrix.ledger.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.invoice.CsvWriter;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;

/**
 * The archive of one period as a ZIP: each archived bill's stored CSV (exactly what was accepted,
 * never recalculated) and its bill JSON, plus the credit note of every voided revision.
 */
@RestController
@PreAuthorize(Access.BILLING)
public class ArchiveExportController {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ArchiveExportController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/archive/api/export.zip")
    public ResponseEntity<byte[]> export(@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
        YearMonth p = Periods.of(year, month, clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder voids = new StringBuilder("credit_note_number,invoice_number,credit_amount,voided_by,voided_at,reason\r\n");
            for (Map<String, Object> r : jdbc.sql("""
                    SELECT s.invoice_number, s.invoice_csv, s.billing_data_json::text AS data, v.credit_note_number, v.credit_amount::text AS credit,
                           v.voided_by, v.voided_at::text AS voided_at, v.reason
                    FROM billing_snapshots s LEFT JOIN snapshot_voids v ON v.snapshot_id = s.id
                    WHERE s.billing_year = ? AND s.billing_month = ? ORDER BY s.invoice_number""").params(p.getYear(), p.getMonthValue())
                    .query().listOfRows()) {
                String base = ((String) r.get("invoice_number")).replaceAll("[^A-Za-z0-9_-]", "_");
                if (!names.add(base)) {
                    continue;
                }
                put(zip, base + ".csv", (String) r.get("invoice_csv"));
                put(zip, base + ".json", (String) r.get("data"));
                if (r.get("credit_note_number") != null) {
                    voids.append(CsvWriter.write(List.of(Arrays.asList(r.get("credit_note_number"),
                            r.get("invoice_number"), r.get("credit"), r.get("voided_by"), r.get("voided_at"), r.get("reason")))));
                }
            }
            put(zip, "credit_notes.csv", voids.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("archive_" + p + ".zip").build().toString())
                .contentType(MediaType.parseMediaType("application/zip")).body(bytes.toByteArray());
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
