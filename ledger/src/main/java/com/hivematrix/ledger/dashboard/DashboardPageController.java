package com.hivematrix.ledger.dashboard;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.ledger.invoice.CsvWriter;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;
import com.hivematrix.ledger.web.Periods;

/**
 * The billing dashboard: cards, and the clients table (search, sort, paging, period picker) over
 * every company billed — a company whose bill fails is a row with its reason, never missing. The
 * same filtered, sorted list is exported as CSV on the server.
 */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class DashboardPageController {

    static final List<String> SORTABLE = List.of("account_number", "name", "billing_plan", "total_bill", "users", "workstations",
            "servers", "hours", "contract_end_date");
    static final int PER_PAGE = 50;

    private final DashboardService dashboard;
    private final Clock clock;

    public DashboardPageController(DashboardService dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @GetMapping({"/", "/clients"})
    public String page(@RequestParam(required = false) String year, @RequestParam(required = false) String month,
            @RequestParam(required = false) String search, @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(required = false) String order, @RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "1") int page, Model model) {
        YearMonth period = Periods.of(year, month, clock);
        DashboardService.Dashboard d = dashboard.compute(period);
        List<Map<String, Object>> rows = select(d.rows(), search, sortBy, order, filter);
        int pages = Math.max(1, (rows.size() + PER_PAGE - 1) / PER_PAGE);
        int current = Math.min(Math.max(1, page), pages);
        model.addAttribute("period", period);
        model.addAttribute("dashboard", d);
        model.addAttribute("rows", rows.subList((current - 1) * PER_PAGE, Math.min(rows.size(), current * PER_PAGE)));
        model.addAttribute("matching", rows.size());
        model.addAttribute("billed", d.rows().stream().filter(r -> r.get("error") == null).count());
        model.addAttribute("expiring", d.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("contract_expiring_soon"))).count());
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("filter", filter == null ? "" : filter);
        model.addAttribute("sortBy", sortBy);
        model.addAttribute("order", order);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("links", new ClientLinks(period, search, filter, sortBy, order));
        return "dashboard/index";
    }

    @GetMapping("/clients/export.csv")
    public ResponseEntity<byte[]> export(@RequestParam(required = false) String year, @RequestParam(required = false) String month,
            @RequestParam(required = false) String search, @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(required = false) String order, @RequestParam(required = false) String filter) {
        YearMonth period = Periods.of(year, month, clock);
        List<Map<String, Object>> rows = select(dashboard.compute(period).rows(), search, sortBy, order, filter);
        List<String> cols = List.of("account_number", "name", "billing_plan", "contract_term_length", "support_level", "contract_end_date",
                "total_bill", "users", "workstations", "servers", "vms", "backup", "hours", "error");
        List<List<Object>> lines = new ArrayList<>();
        lines.add(new ArrayList<>(cols));
        for (Map<String, Object> r : rows) {
            lines.add(cols.stream().map(r::get).toList());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("billing_dashboard_" + period + ".csv").build().toString())
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(CsvWriter.write(lines).getBytes(StandardCharsets.UTF_8));
    }

    static List<Map<String, Object>> select(List<Map<String, Object>> all, String search, String sortBy, String order, String filter) {
        String q = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : all) {
            if (!q.isEmpty() && !(String.valueOf(r.get("name")).toLowerCase(Locale.ROOT).contains(q)
                    || String.valueOf(r.get("account_number")).toLowerCase(Locale.ROOT).contains(q))) {
                continue;
            }
            if ("errors".equals(filter) && r.get("error") == null
                    || "expiring".equals(filter) && !Boolean.TRUE.equals(r.get("contract_expiring_soon"))
                    || "active".equals(filter) && Boolean.TRUE.equals(r.get("contract_expired"))) {
                continue;
            }
            rows.add(r);
        }
        String key = sortBy != null && SORTABLE.contains(sortBy) ? sortBy : "name";
        Comparator<Map<String, Object>> cmp = Comparator.comparing(r -> r.get(key), DashboardPageController::compareValues);
        rows.sort("desc".equalsIgnoreCase(order) ? cmp.reversed() : cmp);
        return rows;
    }

    /** Numbers by value, text case-insensitively, blanks last. */
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }
}
