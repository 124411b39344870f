package com.hivematrix.e2e.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expected access matrix, read from the table between {@code <!-- access-matrix:begin -->} and
 * {@code <!-- access-matrix:end -->} in docs/SECURITY.md: one row per service operation
 * ({@code | service | METHOD | /path | admin | technician | billing | client | service |}), {@code ✓} when
 * that caller gets past the access check, {@code ✗} when it is refused (401/403).
 */
record AccessMatrix(Map<String, Set<Attacker.Level>> allowed) {

    static final String BEGIN = "<!-- access-matrix:begin -->";
    static final String END = "<!-- access-matrix:end -->";
    static final Attacker.Level[] COLUMNS = Attacker.Level.values();

    static String key(String service, String method, String path) {
        return service + " " + method + " " + path;
    }

    static AccessMatrix read(Path doc) {
        String text;
        try {
            text = Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no access matrix between " + BEGIN + " and " + END);
        }
        Map<String, Set<Attacker.Level>> rows = new LinkedHashMap<>();
        for (String line : text.substring(begin + BEGIN.length(), end).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| service")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|")) {
                cells.add(cell.strip().replace("`", ""));
            }
            if (cells.size() != 3 + COLUMNS.length) {
                throw new IllegalStateException("malformed access matrix row: " + line);
            }
            Set<Attacker.Level> levels = EnumSet.noneOf(Attacker.Level.class);
            for (int i = 0; i < COLUMNS.length; i++) {
                String mark = cells.get(3 + i);
                if (mark.equals("✓")) {
                    levels.add(COLUMNS[i]);
                } else if (!mark.equals("✗")) {
                    throw new IllegalStateException("cell must be ✓ or ✗: " + line);
                }
            }
            if (rows.put(key(cells.get(0), cells.get(1), cells.get(2)), levels) != null) {
                throw new IllegalStateException("duplicate access matrix row: " + line);
            }
        }
        return new AccessMatrix(rows);
    }

    static String row(String service, String method, String path, Set<Attacker.Level> allowed) {
        StringBuilder b = new StringBuilder("| ").append(service).append(" | ").append(method).append(" | `").append(path).append("` |");
        for (Attacker.Level level : COLUMNS) {
            b.append(allowed.contains(level) ? " ✓ |" : " ✗ |");
        }
        return b.toString();
    }
}
