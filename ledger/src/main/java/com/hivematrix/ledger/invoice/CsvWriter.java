package com.hivematrix.ledger.invoice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV (CRLF, quotes doubled) for the exports, and the matching reader for imports. */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static String write(List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<?> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(cell(r.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String cell(Object v) {
        String c = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            c = "\"" + c.replace("\"", "\"\"") + "\"";
        }
        return c;
    }

    /** Rows of cells; quoted cells may hold commas, quotes and line breaks. Blank lines are dropped. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                addUnlessBlank(rows, row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            addUnlessBlank(rows, row);
        }
        return rows;
    }

    private static void addUnlessBlank(List<List<String>> rows, List<String> row) {
        if (!(row.size() == 1 && row.get(0).isBlank())) {
            rows.add(row);
        }
    }
}
