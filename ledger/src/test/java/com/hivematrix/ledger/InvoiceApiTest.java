package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static com.hivematrix.ledger.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.hivematrix.ledger.support.Http;

import tools.jackson.databind.JsonNode;

class InvoiceApiTest extends LedgerTestBase {

    @Test
    void pdfIsARealInvoiceWithNumberPeriodLinesAndTotal() throws Exception {
        enterWorkedExampleAdjustments();
        Http.Response r = ok(http.get("/invoice/100200/pdf?year=2025&month=10", BILLING));
        assertThat(r.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"Example_Dental_2025-10.pdf\"");
        try (PDDocument doc = Loader.loadPDF(r.bytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("INVOICE").contains("Invoice number: 100200-202510").contains("Example Dental")
                    .contains("Billing period: 2025-10").contains("Invoice date: 2025-10-31").contains("Due date: 2025-11-30")
                    .contains("Asset: HOST-101 (Server)").contains("Billable Hours (2.75 hrs)").contains("M365 Licenses (Recurring)")
                    .contains("Total due: $2,607.50");
        }
        problem(http.get("/invoice/100200/pdf?year=2025&month=10", TECH), 403);
    }

    @Test
    void csvFollowsTheOriginalNineColumnRules() {
        enterWorkedExampleAdjustments();
        Http.Response r = ok(http.get("/invoice/100200/download?year=2025&month=10", BILLING));
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"Example_Dental_2025-10.csv\"");
        List<String> rows = r.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("InvoiceNo,Customer,InvoiceDate,DueDate,Item(Product/Service),Description,Qty,Rate,Amount");
        // 9 users (8 paid + 1 custom), 3 assets (2 servers, switch; zero-cost workstations omitted), backup, labour, 2 custom items
        assertThat(rows).hasSize(1 + 9 + 3 + 1 + 1 + 2);
        assertThat(rows).allSatisfy(l -> assertThat(l).doesNotContain("No Charge"));
        assertThat(rows.get(1)).isEqualTo("100200-202510,Example Dental,2025-10-31,2025-11-30,Managed Services,User: Person 01 (Paid),1,125.00,125.00");
        assertThat(rows).contains("100200-202510,Example Dental,2025-10-31,2025-11-30,Backup Services,"
                + "\"Server Backup Base: $100.00, Overage: 1.50 TB @ $150.00\",1,250.00,250.00");
        assertThat(rows).contains("100200-202510,Example Dental,2025-10-31,2025-11-30,Hourly Labor,Billable Hours (2.75 hrs),2.75,150.00,412.50");
        assertThat(rows.get(rows.size() - 1)).endsWith("Custom Charge,Domain renewal (Yearly),1,120.00,120.00");
        java.math.BigDecimal sum = rows.stream().skip(1).map(l -> new java.math.BigDecimal(l.substring(l.lastIndexOf(',') + 1)))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("2607.50");
    }

    @Test
    void quickBooksUsesPeriodDatesZeroRowsAndSplitBackup() {
        enterWorkedExampleAdjustments();
        Http.Response r = ok(http.get("/client/100200/export/quickbooks?year=2025&month=10", BILLING));
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"quickbooks_export_100200_2025-10.csv\"");
        List<String> rows = r.body().lines().toList();
        // every user (10) and asset (13) incl. zero-cost, server base, overage, labour, 2 custom
        assertThat(rows).hasSize(1 + 10 + 13 + 2 + 1 + 2);
        assertThat(rows).allSatisfy(l -> assertThat(l).satisfiesAnyOf(x -> assertThat(x).startsWith("InvoiceNo"),
                x -> assertThat(x).startsWith("100200-202510,Example Dental,2025-10-31,2025-11-30,")));
        assertThat(rows).contains("100200-202510,Example Dental,2025-10-31,2025-11-30,Backup Services,Server Backup Base (2),2,50.00,100.00");
        assertThat(rows).contains("100200-202510,Example Dental,2025-10-31,2025-11-30,Backup Services,Storage Overage (1.50 TB),1.5,100.00,150.00");
        assertThat(rows).anySatisfy(l -> assertThat(l).contains("Custom Services,Custom Item: M365 Licenses (Recurring)"));
    }

    @Test
    void summaryCountsLines() {
        enterWorkedExampleAdjustments();
        JsonNode s = ok(http.get("/api/invoice/100200/summary?year=2025&month=10", BILLING)).json();
        assertThat(s.get("invoice_number").asString()).isEqualTo("100200-202510");
        assertThat(s.get("total_amount").decimalValue()).isEqualByComparingTo("2607.50");
        assertThat(s.get("user_count").asInt()).isEqualTo(9);
        assertThat(s.get("asset_count").asInt()).isEqualTo(3);
        assertThat(s.get("line_item_count").asInt()).isEqualTo(2);
        assertThat(s.get("total_lines").asInt()).isEqualTo(16);
        assertThat(s.get("is_archived").asBoolean()).isFalse();
        problem(http.get("/api/invoice/424242/summary?year=2025&month=10", BILLING), 404);
    }
}
