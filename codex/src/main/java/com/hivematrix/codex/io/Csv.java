package com.hivematrix.codex.io;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV reading and writing; written cells are neutralised against spreadsheet formula injection. */
public final class Csv {

    private Csv() {
    }

    /** Thrown for input that is not well-formed CSV (e.g. an unterminated quote). */
    public static class MalformedCsvException extends RuntimeException {
        public final int line;

        MalformedCsvException(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellStarted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
            } else if (c == '"' && !cellStarted) {
                quoted = true;
                cellStarted = true;
                quoteLine = line;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = false;
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
                line++;
            } else {
                cell.append(c);
                cellStarted = true;
            }
        }
        if (quoted) {
            throw new MalformedCsvException("Unterminated quoted field starting on line " + quoteLine, quoteLine);
        }
        if (cellStarted || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** One CSV line (with CRLF) of already-neutralised cells. */
    public static String line(List<?> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(neutralise(cells.get(i) == null ? "" : String.valueOf(cells.get(i)))));
        }
        return sb.append("\r\n").toString();
    }

    /** Cells a spreadsheet would evaluate (=, +, -, @, tab, CR) get a leading apostrophe (OWASP CSV injection). */
    public static String neutralise(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    static String quote(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.startsWith(" ") || s.endsWith(" ")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
