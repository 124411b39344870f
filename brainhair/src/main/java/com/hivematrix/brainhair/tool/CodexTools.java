package com.hivematrix.brainhair.tool;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Companies, contacts, assets, tickets and agents from Codex, read and written as the chatting user. */
@Configuration
public class CodexTools {

    static final String CODEX = "codex";

    @Bean
    ReadTool listCompanies() {
        return Tools.read("list_companies", "List client companies (account number, name, plan, compliance level). Optional name filter.",
                Schema.object().string("search", "Case-insensitive part of the company name or account number", false), (ctx, args) -> {
                    String search = Args.optText(args, "search");
                    JsonNode all = ctx.services().get(CODEX, "/api/companies", JsonNode.class);
                    ArrayNode out = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode c : all) {
                        if (search == null || matches(c, search)) {
                            ObjectNode o = out.addObject();
                            for (String f : new String[] {"account_number", "name", "billing_plan", "contract_term_length", "support_level",
                                    "compliance_level"}) {
                                o.set(f, c.get(f));
                            }
                        }
                    }
                    return new ToolOutput(out, null);
                });
    }

    private static boolean matches(JsonNode c, String search) {
        String s = search.toLowerCase(Locale.ROOT);
        return c.path("name").asString("").toLowerCase(Locale.ROOT).contains(s) || c.path("account_number").asString("").equals(search);
    }

    @Bean
    ReadTool getCompany() {
        return Tools.read("get_company", "One company's details by account number.", account(), (ctx, args) -> {
            String acct = Args.pathSafe(args, "account_number");
            return new ToolOutput(ctx.services().get(CODEX, "/api/companies/" + acct, JsonNode.class), acct);
        });
    }

    @Bean
    ReadTool listContacts() {
        return Tools.read("list_contacts", "The contacts (people) of a company.", account(), (ctx, args) -> {
            String acct = Args.pathSafe(args, "account_number");
            return new ToolOutput(ctx.services().get(CODEX, "/api/companies/" + acct + "/contacts", JsonNode.class), acct);
        });
    }

    @Bean
    ReadTool listAssets() {
        return Tools.read("list_assets", "The assets/devices of a company (hostname, type, OS, last seen, backup usage).", account(),
                (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    return new ToolOutput(ctx.services().get(CODEX, "/api/companies/" + acct + "/assets", JsonNode.class), acct);
                });
    }

    @Bean
    ReadTool listTickets() {
        return Tools.read("list_tickets", "A company's tickets (number, subject, status, priority, hours). Optional status filter.",
                Schema.object().string("account_number", "Company account number", true).string("status", "Only tickets with this status", false),
                (ctx, args) -> {
                    String acct = Args.pathSafe(args, "account_number");
                    String status = Args.optText(args, "status");
                    JsonNode all = ctx.services().get(CODEX, "/api/companies/" + acct + "/tickets", JsonNode.class);
                    ArrayNode out = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode t : all) {
                        if (status == null || status.equalsIgnoreCase(t.path("status").asString(""))) {
                            ObjectNode o = out.addObject();
                            for (String f : new String[] {"ticket_id", "ticket_number", "subject", "status", "priority", "requester_name",
                                    "last_updated_at", "total_hours_spent"}) {
                                o.set(f, t.get(f));
                            }
                        }
                    }
                    return new ToolOutput(out, acct);
                });
    }

    @Bean
    ReadTool getTicket() {
        return Tools.read("get_ticket", "One ticket with its description, conversations and notes, by its PSA ticket id.",
                Schema.object().string("ticket_id", "PSA (external) ticket id", true), (ctx, args) -> {
                    String id = Args.pathSafe(args, "ticket_id");
                    JsonNode t = ctx.services().get(CODEX, "/api/ticket/" + id, JsonNode.class);
                    return new ToolOutput(t, t.path("company_id").asString(null));
                });
    }

    @Bean
    WriteTool updateTicket() {
        return Tools.write("update_ticket", "Change a ticket's status and/or add a note (needs the user's approval).",
                Schema.object().string("ticket_id", "Codex ticket id (ticket_id from list_tickets)", true)
                        .string("status", "New status", false).string("note", "Note text to add", false),
                WriteTool.Approval.TECHNICIAN, (ctx, args) -> {
                    String id = Args.pathSafe(args, "ticket_id");
                    String status = Args.optText(args, "status");
                    String note = Args.optText(args, "note");
                    if (status == null && note == null) {
                        throw new ToolException("Give a status or a note");
                    }
                    ObjectNode after = JsonNodeFactory.instance.objectNode();
                    after.put("status", status);
                    after.put("note", note);
                    return new WriteTool.Proposal("Update ticket " + id, null, null, after);
                }, (ctx, args) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("status", Args.optText(args, "status"));
                    body.put("notes", Args.optText(args, "note"));
                    return new ToolOutput(ctx.services().post(CODEX, "/api/ticket/" + Args.pathSafe(args, "ticket_id") + "/update", body,
                            JsonNode.class), null);
                });
    }

    @Bean
    ReadTool listAgents() {
        return Tools.read("list_agents", "The PSA agents (technicians) tickets can be assigned to.", Schema.object(),
                (ctx, args) -> new ToolOutput(ctx.services().get(CODEX, "/api/psa/agents", JsonNode.class), null));
    }

    static Schema account() {
        return Schema.object().string("account_number", "Company account number (from list_companies)", true);
    }
}
