package com.hivematrix.ledger.override;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.ledger.codex.CodexClient;
import com.hivematrix.ledger.invoice.CsvWriter;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Custom line items as CSV, the platform's one import pattern: a template, a dry run that
 * validates every row (same rules as the API, and the account must exist in Codex) and previews
 * it, then a confirmed run that stores all rows or none.
 */
@Service
public class LineItemImport {

    public static final List<String> COLUMNS = List.of("account_number", "name", "description", "monthly_fee", "one_off_fee", "one_off_year",
            "one_off_month", "yearly_fee", "yearly_bill_month");
    static final int MAX_ROWS = 5000;

    private final OverrideController api;
    private final CodexClient codex;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public LineItemImport(OverrideController api, CodexClient codex, JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json) {
        this.api = api;
        this.codex = codex;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public String template() {
        return CsvWriter.write(List.of(COLUMNS, List.of("100200", "M365 Licenses", "Microsoft 365 Business", "500.00", "", "", "", "", "")));
    }

    public String export() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(COLUMNS));
        for (Map<String, Object> r : jdbc.sql("SELECT " + String.join(", ", COLUMNS.stream().map(c -> "account_number".equals(c)
                ? "company_account_number" : c).toList()) + " FROM custom_line_items ORDER BY company_account_number, id").query().listOfRows()) {
            rows.add(new ArrayList<>(r.values()));
        }
        return CsvWriter.write(rows);
    }

    public record Row(int line, Map<String, String> values, List<String> errors) {
    }

    public record Result(List<Row> rows, List<String> errors, boolean dryRun, int imported) {

        public boolean valid() {
            return errors.isEmpty() && rows.stream().allMatch(r -> r.errors().isEmpty());
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", dryRun);
            m.put("valid", valid());
            m.put("rows", rows.size());
            m.put("imported", imported);
            m.put("errors", errors);
            m.put("row_errors", rows.stream().filter(r -> !r.errors().isEmpty()).map(r -> Map.of("line", r.line(), "errors", r.errors())).toList());
            m.put("preview", rows.stream().map(Row::values).toList());
            return m;
        }
    }

    /** Validates {@code csv}; unless {@code dryRun}, stores every row in one transaction when all are valid. */
    public Result run(String csv, boolean dryRun, Authentication auth) {
        List<List<String>> table = CsvWriter.parse(csv == null ? "" : csv);
        if (table.isEmpty()) {
            return new Result(List.of(), List.of("The file is empty; download the template for the columns"), dryRun, 0);
        }
        List<String> header = table.get(0).stream().map(h -> h.trim().toLowerCase()).toList();
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            return new Result(List.of(), List.of("Missing columns: " + String.join(", ", missing)), dryRun, 0);
        }
        if (table.size() - 1 > MAX_ROWS) {
            return new Result(List.of(), List.of("At most " + MAX_ROWS + " rows per import"), dryRun, 0);
        }
        Map<String, Boolean> known = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < table.size(); i++) {
            Map<String, String> v = new LinkedHashMap<>();
            for (String c : COLUMNS) {
                int idx = header.indexOf(c);
                v.put(c, idx < table.get(i).size() ? table.get(i).get(idx).trim() : "");
            }
            rows.add(new Row(i + 1, v, validate(v, known)));
        }
        Result checked = new Result(rows, List.of(), dryRun, 0);
        if (dryRun || !checked.valid()) {
            return checked;
        }
        tx.executeWithoutResult(s -> rows.forEach(r -> api.addLineItem(r.values().get("account_number"), body(r.values()), auth)));
        return new Result(rows, List.of(), false, rows.size());
    }

    private List<String> validate(Map<String, String> v, Map<String, Boolean> known) {
        List<String> errors = new ArrayList<>();
        String acct = v.get("account_number");
        if (acct.isEmpty()) {
            errors.add("account_number: is required");
        } else if (!known.computeIfAbsent(acct, codex::exists)) {
            errors.add("account_number: no company " + acct + " in Codex");
        }
        Fields in = new Fields(body(v));
        api.lineItemValues(in, true);
        try {
            in.check();
        } catch (ProblemException e) {
            Object list = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    errors.add(m.get("field") + ": " + m.get("message"));
                }
            }
        }
        return errors;
    }

    private ObjectNode body(Map<String, String> v) {
        ObjectNode n = json.createObjectNode();
        v.forEach((k, val) -> {
            if (!"account_number".equals(k) && !val.isEmpty()) {
                n.put(k, val);
            }
        });
        return n;
    }
}
