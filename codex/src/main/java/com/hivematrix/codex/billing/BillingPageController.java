package com.hivematrix.codex.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Billing plans: the list of plans (terms, support levels, companies on each) and one plan's
 * term matrix with rates and features. The plan is a query parameter because plan names may hold
 * any character, slashes included.
 */
@Controller
@CodexPage
public class BillingPageController {

    private final BillingService billing;
    private final JdbcClient jdbc;

    public BillingPageController(BillingService billing, JdbcClient jdbc) {
        this.billing = billing;
        this.jdbc = jdbc;
    }

    @GetMapping("/billing-plans/")
    @PreAuthorize(Access.USERS_ONLY)
    public String list(Model model) {
        model.addAttribute("plans", jdbc.sql("""
                SELECT p.plan_name, count(*) AS terms, string_agg(DISTINCT p.support_level, ', ') AS support_levels,
                       min(p.per_user_cost) AS min_user_cost, max(p.per_user_cost) AS max_user_cost,
                       (SELECT count(*) FROM companies c WHERE c.plan_selected = p.plan_name) AS companies
                FROM billing_plans p GROUP BY p.plan_name ORDER BY p.plan_name""").query(com.hivematrix.codex.web.Rows.MAP).list());
        return "billing/list";
    }

    @GetMapping("/billing-plans/plan")
    @PreAuthorize(Access.USERS_ONLY)
    public String detail(@RequestParam String name, Model model) {
        List<Map<String, Object>> terms = billing.dynamicPlans(name, null);
        if (terms.isEmpty()) {
            throw ProblemException.notFound("Plan " + name + " not found");
        }
        Map<String, String> display = billing.featureDisplayNames();
        List<String> categories = new ArrayList<>(billing.categories());
        Map<String, String> categoryNames = new LinkedHashMap<>();
        for (String c : categories) {
            categoryNames.put(c, display.getOrDefault(c, BillingService.titleCase(c)));
        }
        model.addAttribute("name", name);
        model.addAttribute("terms", terms);
        model.addAttribute("costs", List.of(
                List.of("per_user_cost", "User"), List.of("per_workstation_cost", "Workstation"), List.of("per_server_cost", "Server"),
                List.of("per_vm_cost", "VM"), List.of("per_switch_cost", "Switch"), List.of("per_firewall_cost", "Firewall"),
                List.of("per_hour_ticket_cost", "Per Hour"), List.of("backup_base_fee_workstation", "BU Base WS"),
                List.of("backup_base_fee_server", "BU Base Srv"), List.of("backup_included_tb", "Inc. TB"),
                List.of("backup_per_tb_fee", "$/TB Fee")));
        model.addAttribute("categories", categoryNames);
        model.addAttribute("companies", jdbc.sql("""
                SELECT account_number, name, contract_term_length FROM companies WHERE plan_selected = ? ORDER BY lower(name)""")
                .param(name).query(com.hivematrix.codex.web.Rows.MAP).list());
        return "billing/detail";
    }
}
