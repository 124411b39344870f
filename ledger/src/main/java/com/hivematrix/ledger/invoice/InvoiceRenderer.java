package com.hivematrix.ledger.invoice;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/** Renders an {@link Invoice}: CSV (9 columns, RFC 4180 quoting) and a printable A4/Letter PDF. */
public final class InvoiceRenderer {

    public static final List<String> CSV_HEADER = List.of("InvoiceNo", "Customer", "InvoiceDate", "DueDate", "Item(Product/Service)",
            "Description", "Qty", "Rate", "Amount");

    private InvoiceRenderer() {
    }

    public static String csv(Invoice inv) {
        StringBuilder sb = new StringBuilder();
        row(sb, CSV_HEADER);
        for (Invoice.Line l : inv.lines()) {
            row(sb, List.of(inv.number(), inv.customer(), inv.invoiceDate().toString(), inv.dueDate().toString(), l.item(), l.description(),
                    plain(l.quantity()), two(l.rate()), two(l.amount())));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            sb.append(c);
        }
        sb.append("\r\n");
    }

    static String two(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static String dollars(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return "$" + f.format(v);
    }

    public static byte[] pdf(Invoice inv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.LETTER, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Invoice " + inv.number());
        doc.addCreator("HiveMatrix Ledger");
        doc.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 20);
        Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
        Font normal = FontFactory.getFont(FontFactory.HELVETICA, 10);
        doc.add(new Paragraph("INVOICE", title));
        doc.add(new Paragraph("Invoice number: " + inv.number(), bold));
        doc.add(new Paragraph("Bill to: " + inv.customer() + " (account " + inv.account() + ")", normal));
        doc.add(new Paragraph("Billing period: " + inv.period(), normal));
        doc.add(new Paragraph("Invoice date: " + inv.invoiceDate() + "    Due date: " + inv.dueDate(), normal));
        if (inv.plan() != null) {
            doc.add(new Paragraph("Plan: " + inv.plan() + " (" + inv.term() + ")", normal));
        }
        doc.add(new Paragraph(" "));
        PdfPTable table = new PdfPTable(new float[] {2.2f, 5f, 1f, 1.4f, 1.6f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : List.of("Item", "Description", "Qty", "Rate", "Amount")) {
            PdfPCell c = new PdfPCell(new Phrase(h, bold));
            c.setBackgroundColor(new Color(230, 230, 230));
            table.addCell(c);
        }
        for (Invoice.Line l : inv.lines()) {
            table.addCell(new Phrase(l.item(), normal));
            table.addCell(new Phrase(l.description(), normal));
            table.addCell(right(plain(l.quantity()), normal));
            table.addCell(right(dollars(l.rate()), normal));
            table.addCell(right(dollars(l.amount()), normal));
        }
        PdfPCell label = new PdfPCell(new Phrase("Total", bold));
        label.setColspan(4);
        label.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(label);
        table.addCell(right(dollars(inv.total()), bold));
        doc.add(table);
        doc.add(new Paragraph(" "));
        doc.add(new Paragraph("Total due: " + dollars(inv.total()) + " by " + inv.dueDate(), bold));
        doc.close();
        return out.toByteArray();
    }

    private static PdfPCell right(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(text, f));
        c.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return c;
    }
}
