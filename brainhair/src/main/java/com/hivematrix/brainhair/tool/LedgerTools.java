package com.hivematrix.brainhair.tool;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bills, plans and billing adjustments in Ledger. Ledger itself requires billing/admin and
 * records the user whose token it receives as the author of every change.
 */
@Configuration
public class LedgerTools {

    static final String LEDGER = "ledger";
    static final List<String> RATE_FIELDS = List.of("per_user_cost", "per_workstation_cost", "per_server_cost", "per_vm_cost",
            "per_switch_cost", "per_firewall_cost", "per_hour_ticket_cost", "backup_base_fee_workstation", "backup_base_fee_server",
            "backup_included_tb", "backup_per_tb_fee", "prepaid_hours_monthly", "prepaid_hours_yearly");
    static final List<String> TEXT_FIELDS = List.of("billing_plan", "support_level");
    static final List<String> FEATURES = List.of("antivirus", "soc", "password_manager", "sat", "email_security", "network_management");

    @Bean
    ReadTool getBilling() {
        return Tools.read("get_billing", "A company's bill for a month: receipt lines, quantities, effective rates, features, total.",
                period(CodexTools.account()), (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().get(LEDGER, "/api/billing/" + acct + periodQuery(args), JsonNode.class), acct);
                });
    }

    @Bean
    ReadTool getBillingDashboard() {
        return Tools.read("get_billing_dashboard", "Every company's bill total for a month.", period(Schema.object()),
                (ctx, args) -> new ToolOutput(ctx.services().get(LEDGER, "/api/billing/dashboard" + periodQuery(args), JsonNode.class), null));
    }

    @Bean
    ReadTool listPlans() {
        return Tools.read("list_plans", "The billing plans with their rates and features.", Schema.object(),
                (ctx, args) -> new ToolOutput(ctx.services().get(LEDGER, "/api/plans", JsonNode.class), null));
    }

    @Bean
    ReadTool getOverrides() {
        return Tools.read("get_overrides", "A company's billing overrides (rates, plan, prepaid hours) and feature overrides.",
                CodexTools.account(), (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.set("client", ctx.services().get(LEDGER, "/api/overrides/client/" + acct, JsonNode.class));
                    out.set("features", ctx.services().get(LEDGER, "/api/overrides/features/" + acct, JsonNode.class));
                    return new ToolOutput(out, acct);
                });
    }

    @Bean
    WriteTool updateBillingRates() {
        Schema schema = CodexTools.account();
        RATE_FIELDS.forEach(f -> schema.number(f, "New value of " + f, false));
        TEXT_FIELDS.forEach(f -> schema.string(f, "New " + f, false));
        return Tools.write("update_billing_rates", "Override a company's billing rates, plan, support level or prepaid hours "
                + "(needs approval by a billing or admin user).", schema, WriteTool.Approval.BILLING, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    ObjectNode after = rateChanges(args);
                    JsonNode read = Tools.bestEffort(() -> ctx.services().get(LEDGER, "/api/overrides/client/" + acct, JsonNode.class));
                    JsonNode current = read == null ? null : read.path("overrides");
                    ObjectNode before = JsonNodeFactory.instance.objectNode();
                    after.propertyNames().forEach(k -> before.set(k, current != null && current.isObject() ? current.get(k) : null));
                    return new WriteTool.Proposal("Change billing overrides of " + acct, acct, before, after);
                }, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().put(LEDGER, "/api/overrides/client/" + acct, rateChanges(args), JsonNode.class), acct);
                });
    }

    static ObjectNode rateChanges(JsonNode args) {
        ObjectNode after = JsonNodeFactory.instance.objectNode();
        for (String f : RATE_FIELDS) {
            BigDecimal v = Args.optMoney(args, f);
            if (v != null) {
                after.put(f, v);
            }
        }
        for (String f : TEXT_FIELDS) {
            String v = Args.optText(args, f);
            if (v != null) {
                after.put(f, v);
            }
        }
        if (after.isEmpty()) {
            throw new ToolException("Give at least one rate, plan or prepaid-hours value to change");
        }
        return after;
    }

    @Bean
    WriteTool updateFeatures() {
        Schema schema = CodexTools.account();
        FEATURES.forEach(f -> schema.string(f, "Feature value for " + f + " (e.g. product name, or 'Not Included')", false));
        return Tools.write("update_features", "Override a company's plan features (needs billing/admin approval).", schema,
                WriteTool.Approval.BILLING, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    ObjectNode after = featureChanges(args);
                    return new WriteTool.Proposal("Change feature overrides of " + acct, acct,
                            Tools.bestEffort(() -> ctx.services().get(LEDGER, "/api/overrides/features/" + acct, JsonNode.class)), after);
                }, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().put(LEDGER, "/api/overrides/features/" + acct, featureChanges(args), JsonNode.class), acct);
                });
    }

    private static ObjectNode featureChanges(JsonNode args) {
        ObjectNode after = JsonNodeFactory.instance.objectNode();
        FEATURES.forEach(f -> {
            String v = Args.optText(args, f);
            if (v != null) {
                after.put(f, v);
            }
        });
        if (after.isEmpty()) {
            throw new ToolException("Give at least one feature value");
        }
        return after;
    }

    @Bean
    ReadTool listNetworkEquipment() {
        return Tools.read("list_network_equipment", "A company's manually added billable assets (switches, firewalls).", CodexTools.account(),
                (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().get(LEDGER, "/api/overrides/manual-assets/" + acct, JsonNode.class), acct);
                });
    }

    @Bean
    WriteTool addNetworkEquipment() {
        return Tools.write("add_network_equipment", "Add a billable switch or firewall to a company (needs billing/admin approval).",
                CodexTools.account().string("hostname", "Device name", true).enumeration("type", "Switch or Firewall", true, "Switch", "Firewall"),
                WriteTool.Approval.BILLING, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    ObjectNode after = equipment(args);
                    return new WriteTool.Proposal("Add " + after.path("billing_type").asString() + " " + after.path("hostname").asString()
                            + " to " + acct, acct, null, after);
                }, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().post(LEDGER, "/api/overrides/manual-assets/" + acct, equipment(args), JsonNode.class), acct);
                });
    }

    private static ObjectNode equipment(JsonNode args) {
        String type = Args.text(args, "type");
        if (!type.equals("Switch") && !type.equals("Firewall")) {
            throw new ToolException("Argument 'type' must be Switch or Firewall");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("hostname", Args.text(args, "hostname"));
        o.put("billing_type", type);
        return o;
    }

    @Bean
    WriteTool removeNetworkEquipment() {
        return Tools.write("remove_network_equipment", "Remove a manually added switch/firewall by its id (needs billing/admin approval).",
                CodexTools.account().string("id", "Manual asset id (from list_network_equipment)", true), WriteTool.Approval.BILLING,
                (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new WriteTool.Proposal("Remove manual asset " + Args.pathSafe(args, "id") + " from " + acct, acct, null, null);
                }, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    ctx.services().delete(LEDGER, "/api/overrides/manual-assets/" + acct + "/" + Args.pathSafe(args, "id"));
                    return new ToolOutput(JsonNodeFactory.instance.objectNode().put("removed", true), acct);
                });
    }

    /**
     * The dry run of contract alignment: compares contract terms with the company's effective
     * rates (read from the bill itself, unlike the original which always saw 0) and lists the
     * changes update_billing_rates would make.
     */
    @Bean
    ReadTool compareContract() {
        Schema schema = CodexTools.account();
        RATE_FIELDS.forEach(f -> schema.number(f, "Contract value of " + f, false));
        schema.string("support_level", "Contract support level", false);
        return Tools.read("compare_contract", "Dry run: compare contract terms with current billing; lists discrepancies and the "
                + "update_billing_rates call that would align them. Changes nothing.", schema, (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    JsonNode rates = ctx.services().get(LEDGER, "/api/billing/" + acct, JsonNode.class).path("effective_rates");
                    ArrayNode discrepancies = JsonNodeFactory.instance.arrayNode();
                    ObjectNode align = JsonNodeFactory.instance.objectNode().put("account_number", acct);
                    for (String f : RATE_FIELDS) {
                        BigDecimal want = Args.optMoney(args, f);
                        if (want == null) {
                            continue;
                        }
                        JsonNode have = rates.get(f);
                        if (have == null || have.isNull() || have.decimalValue().compareTo(want) != 0) {
                            discrepancies.addObject().put("field", f).set("current", have);
                            ((ObjectNode) discrepancies.get(discrepancies.size() - 1)).put("contract", want);
                            align.put(f, want);
                        }
                    }
                    String level = Args.optText(args, "support_level");
                    if (level != null && !level.equalsIgnoreCase(rates.path("support_level").asString(""))) {
                        discrepancies.addObject().put("field", "support_level").put("current", rates.path("support_level").asString(null))
                                .put("contract", level);
                        align.put("support_level", level);
                    }
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    out.put("discrepancies_found", discrepancies.size());
                    out.set("discrepancies", discrepancies);
                    out.put("alignment_needed", !discrepancies.isEmpty());
                    out.put("dry_run", true);
                    if (!discrepancies.isEmpty()) {
                        out.set("align_with", align);
                    }
                    return new ToolOutput(out, acct);
                });
    }

    private static Schema period(Schema s) {
        return s.integer("year", "Year (default: current)", false).integer("month", "Month 1-12 (default: current)", false);
    }

    private static String periodQuery(JsonNode args) {
        Integer y = Args.optInt(args, "year");
        Integer m = Args.optInt(args, "month");
        if (y == null && m == null) {
            return "";
        }
        return "?" + (y != null ? "year=" + y : "") + (y != null && m != null ? "&" : "") + (m != null ? "month=" + m : "");
    }
}
