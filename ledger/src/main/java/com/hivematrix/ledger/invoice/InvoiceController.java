package com.hivematrix.ledger.invoice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.PlanCatalog;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;
import com.hivematrix.shared.problem.ProblemException;

/** Per-company invoice downloads (§A7) and the invoice summary. */
@RestController
@PreAuthorize(Access.BILLING)
public class InvoiceController {

    private final BillingService billing;
    private final JdbcClient jdbc;
    private final Clock clock;

    public InvoiceController(BillingService billing, JdbcClient jdbc, Clock clock) {
        this.billing = billing;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/invoice/{acct}/download")
    public ResponseEntity<byte[]> csv(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        Invoice inv = Invoice.standard(billing.bill(acct, Periods.of(year, month, clock)));
        return file(InvoiceRenderer.csv(inv).getBytes(StandardCharsets.UTF_8), "text/csv;charset=UTF-8", inv.fileName("csv"));
    }

    @GetMapping("/invoice/{acct}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        Invoice inv = Invoice.standard(billing.bill(acct, Periods.of(year, month, clock)));
        return file(InvoiceRenderer.pdf(inv), MediaType.APPLICATION_PDF_VALUE, inv.fileName("pdf"));
    }

    @GetMapping("/client/{acct}/export/quickbooks")
    public ResponseEntity<byte[]> quickBooks(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        YearMonth period = Periods.of(year, month, clock);
        Invoice inv = Invoice.quickBooks(billing.bill(acct, period));
        return file(InvoiceRenderer.csv(inv).getBytes(StandardCharsets.UTF_8), "text/csv;charset=UTF-8",
                "quickbooks_export_" + acct + "_" + period + ".csv");
    }

    /**
     * Every company's invoice CSV of a period in one ZIP, from one Codex bulk call. A company whose
     * bill cannot be calculated is listed in {@code not_billed.csv} instead of being left out silently.
     */
    @GetMapping("/invoices/bulk/download")
    public ResponseEntity<byte[]> bulk(@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
        YearMonth period = Periods.of(year, month, clock);
        BillingService.Batch batch = billing.batch(period);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        List<List<Object>> notBilled = new ArrayList<>();
        notBilled.add(List.of("account_number", "company_name", "reason"));
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (CompanyData c : batch.companies()) {
                String acct = c.company().accountNumber();
                if (PlanCatalog.isInactivePlan(batch.catalog().resolve(c.company(), batch.adjustmentsOf(acct).client()).planName())) {
                    continue;
                }
                try {
                    Invoice inv = Invoice.standard(billing.calculate(c, batch.catalog(), batch.adjustmentsOf(acct), period));
                    String name = inv.fileName("csv");
                    if (!names.add(name)) {
                        name = acct + "_" + name;
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(InvoiceRenderer.csv(inv).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                } catch (ProblemException e) {
                    notBilled.add(Arrays.asList(acct, c.company().name(), e.getBody().getDetail()));
                }
            }
            if (notBilled.size() > 1) {
                zip.putNextEntry(new ZipEntry("not_billed.csv"));
                zip.write(CsvWriter.write(notBilled).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(bytes.toByteArray(), "application/zip", "invoices_" + period + ".zip");
    }

    @GetMapping("/api/invoice/{acct}/summary")
    public Map<String, Object> summary(@PathVariable String acct, @RequestParam(required = false) String year,
            @RequestParam(required = false) String month) {
        Bill b = billing.bill(acct, Periods.of(year, month, clock));
        Invoice inv = Invoice.standard(b);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("invoice_number", inv.number());
        m.put("company_name", inv.customer());
        m.put("total_amount", b.total());
        m.put("user_count", b.users().stream().filter(l -> l.cost().signum() > 0).count());
        m.put("asset_count", b.assets().stream().filter(l -> l.cost().signum() > 0).count());
        m.put("line_item_count", b.lineItems().size());
        m.put("has_backup_charges", b.backup().charge().signum() > 0);
        m.put("has_hourly_charges", b.hours().ticketCharge().signum() > 0);
        m.put("total_lines", inv.lines().size());
        m.put("is_archived", jdbc.sql("SELECT count(*) FROM billing_snapshots WHERE company_account_number = ? AND billing_year = ? "
                + "AND billing_month = ?").params(acct, b.period().getYear(), b.period().getMonthValue()).query(Long.class).single() > 0);
        return m;
    }

    static ResponseEntity<byte[]> file(byte[] body, String type, String name) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(MediaType.parseMediaType(type)).body(body);
    }
}
