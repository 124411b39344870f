package com.hivematrix.codex.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Rows;

/** The Codex home page: counts and the most recently updated tickets (spec §2.1, §9). */
@Controller
@CodexPage
public class DashboardPageController {

    private final JdbcClient jdbc;

    public DashboardPageController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/")
    @PreAuthorize(Access.USERS_ONLY)
    public String dashboard(Model model) {
        model.addAttribute("counts", jdbc.sql("""
                SELECT (SELECT count(*) FROM companies) AS companies,
                       (SELECT count(*) FROM contacts) AS contacts,
                       (SELECT count(*) FROM contacts WHERE active) AS active_contacts,
                       (SELECT count(*) FROM assets) AS assets,
                       (SELECT count(*) FROM assets WHERE online) AS online_assets,
                       (SELECT count(DISTINCT plan_name) FROM billing_plans) AS plans,
                       (SELECT count(*) FROM agents) AS agents,
                       (SELECT count(*) FROM ticket_details WHERE status NOT IN
                          ('closed', 'resolved', 'job_complete_bill', 'billing_complete', 'spam', 'trash', 'deleted')) AS active_tickets
                """).query(Rows.MAP).single());
        model.addAttribute("tickets", jdbc.sql("""
                SELECT t.id, t.external_id, t.ticket_number, t.subject, t.status, t.priority, t.last_updated_at,
                       t.company_account_number, c.name AS company_name
                FROM ticket_details t LEFT JOIN companies c ON c.account_number = t.company_account_number
                WHERE t.status NOT IN ('spam', 'trash', 'deleted')
                ORDER BY t.last_updated_at DESC NULLS LAST, t.id DESC LIMIT 10""").query(Rows.MAP).list());
        return "dashboard/index";
    }
}
