package com.hivematrix.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

/**
 * Month-end billing through Nexus in headless Chromium, on the demo MSP: a billing user opens the
 * dashboard, a client's bill, downloads its PDF (read back with PDFBox: its total is the page's),
 * accepts it, finds it in the archive; accepting again answers 409; a technician gets 403.
 * Screenshots in e2e/target/screenshots/ (ledger-*).
 */
class LedgerJourneyIT extends Journey {

    @Override
    protected String prefix() {
        return "ledger";
    }

    @Test
    void billingUserBillsAcceptsAndFindsTheArchivedBill() throws IOException {
        assumeTrue(platform.ledger, "Ledger's jar is not built");
        Page page = login("billing", "/ledger/");
        String origin = platform.origin;

        // 1. the dashboard: one row per billed company, as many as the card counts; none missing
        page.navigate(origin + "/ledger/");
        assertThat(page.locator("h1.page__title")).hasText("Billing dashboard");
        int companies = Integer.parseInt(page.locator("[data-stat=companies]").innerText().trim());
        assertThat(companies).isGreaterThan(0);
        assertThat(page.locator("#clients tbody tr").count()).isEqualTo(Math.min(companies, 50));
        shot(page, "01-dashboard");
        if (page.locator("#theme-toggle-btn").count() > 0) {
            page.click("#theme-toggle-btn");
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            shot(page, "02-dashboard-dark");
            page.click("#theme-toggle-btn");
        }

        // 2. a client's bill: the first company with a total whose bill is not archived yet (the database outlives a run)
        @SuppressWarnings("unchecked")
        List<String> candidates = (List<String>) page.locator("#clients tbody tr:has(td[data-col=total])")
                .evaluateAll("rows => rows.map(r => r.dataset.account)");
        String found = null;
        for (String candidate : candidates) {
            page.navigate(origin + "/ledger/client/" + candidate);
            if (page.locator("[data-action=accept]").count() > 0) {
                found = candidate;
                break;
            }
        }
        assertThat(found).as("a company whose bill is not archived").isNotNull();
        String acct = found;
        String total = page.locator("[data-stat=total]").innerText().trim();
        assertThat(total).startsWith("$");
        assertThat(page.locator("#invoice-lines [data-col=total]")).hasText(total);
        shot(page, "03-client-bill");

        // 3. the PDF: a real invoice whose text carries the same total and invoice number
        Download download = page.waitForDownload(() -> page.click("[data-action=pdf]"));
        assertThat(download.suggestedFilename()).endsWith(".pdf");
        Path pdf = SHOTS.resolve("ledger-invoice.pdf");
        download.saveAs(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(total).contains(acct + "-");
        }

        // 4. accept: the archived bill opens
        page.click("[data-action=accept]");
        page.waitForURL(url -> url.contains("/ledger/archive/" + acct + "-") && url.contains("accepted=1"));
        assertThat(page.locator("[data-testid=accepted]")).isVisible();
        assertThat(page.locator("[data-stat=total]")).hasText(total);
        String invoice = page.url().replaceAll(".*/archive/([^?]+).*", "$1");
        shot(page, "04-archived-bill");

        // 5. it is in the archive list
        page.navigate(origin + "/ledger/archive/?account_number=" + acct);
        assertThat(page.locator("#archive tr[data-invoice='" + invoice + "']")).isVisible();
        shot(page, "05-archive");

        // 6. accepting again (a stale tab): 409 and a page that says where the bill is
        String[] ym = invoice.substring(acct.length() + 1, acct.length() + 7).split("(?<=^\\d{4})");
        String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
        APIResponse again = page.request().post(origin + "/ledger/client/" + acct + "/accept", RequestOptions.create()
                .setHeader("Origin", origin).setHeader("X-CSRF-Token", csrf).setForm(FormData.create().set("year", ym[0]).set("month", Integer.toString(Integer.parseInt(ym[1])))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("This bill has already been archived as " + invoice);
        page.setContent(again.text());
        shot(page, "06-accept-again-409");
        page.context().close();
    }

    @Test
    void technicianGets403() {
        assumeTrue(platform.ledger, "Ledger's jar is not built");
        Page page = login("technicians", "/ledger/");
        Response r = page.navigate(platform.origin + "/ledger/");
        assertThat(r.status()).isEqualTo(403);
        shot(page, "07-technician-403");
        page.context().close();
    }
}
