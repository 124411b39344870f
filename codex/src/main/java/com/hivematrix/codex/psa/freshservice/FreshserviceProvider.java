package com.hivematrix.codex.psa.freshservice;

import static com.hivematrix.codex.vendor.VendorJson.longOrNull;
import static com.hivematrix.codex.vendor.VendorJson.longs;
import static com.hivematrix.codex.vendor.VendorJson.strings;
import static com.hivematrix.codex.vendor.VendorJson.text;
import static com.hivematrix.codex.vendor.VendorJson.time;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.hivematrix.codex.psa.PsaException;
import com.hivematrix.codex.psa.PsaProvider;
import com.hivematrix.codex.psa.PsaRecords;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.ticket.TicketStatuses;
import com.hivematrix.codex.web.Rows;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Freshservice (spec §5.2): departments → companies, requesters → contacts, agents, tickets in three tiers. */
public class FreshserviceProvider implements PsaProvider {

    public static final String NAME = "freshservice";
    /** Statuses the light sync asks for (spec §5.3 "light-sync query"). */
    static final List<Integer> ACTIVE_STATUSES = List.of(2, 3, 8, 9, 10, 13, 19, 23, 26, 27);
    static final List<String> CUSTOM_FIELDS = List.of("account_number", "plan_selected", "billing_plan", "managed_users", "managed_devices",
            "managed_network", "contract_term", "contract_start_date", "profit_or_non_profit", "company_main_number", "address",
            "company_start_date", "phone_system", "email_system", "datto_portal_url");

    private final FreshserviceClient client;
    private final String webDomain;
    private final int detailWindowHours;

    public FreshserviceProvider(FreshserviceClient client, String webDomain, int detailWindowHours) {
        this.client = client;
        this.webDomain = webDomain;
        this.detailWindowHours = detailWindowHours;
    }

    /** Built from the stored settings on every run, so a changed key or domain applies to the next sync. */
    public static FreshserviceProvider fromSettings(SettingsService settings, String baseUrlOverride) {
        String domain = settings.get("freshservice.domain").orElse(null);
        String apiKey = settings.get("freshservice.api_key").orElse(null);
        if (domain == null || apiKey == null) {
            throw new PsaException.NotConfigured("Freshservice is not configured: set its domain and API key in the admin settings");
        }
        String base = baseUrlOverride != null ? baseUrlOverride : settings.get("freshservice.base_url", "https://" + domain + "/api/v2");
        FreshserviceClient client = new FreshserviceClient(base, apiKey, Duration.ofMillis(settings.getInt("freshservice.pacing_ms", 500)),
                settings.getInt("freshservice.max_attempts", 4), settings.getInt("freshservice.max_retry_after_s", 300),
                Duration.ofMillis(settings.getInt("freshservice.retry_backoff_ms", 1000)));
        return new FreshserviceProvider(client, settings.get("freshservice.web_domain", domain), settings.getInt("freshservice.detail_window_hours", 48));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Freshservice";
    }

    @Override
    public ConnectionTest testConnection() {
        try {
            JsonNode me = client.get("/agents/me");
            return new ConnectionTest(me != null, me != null ? "Connected to Freshservice" : "Freshservice did not find the API key's agent");
        } catch (PsaException e) {
            return new ConnectionTest(false, e.getMessage());
        }
    }

    @Override
    public List<PsaRecords.Company> companies() {
        return client.all("/departments", "departments").stream().map(FreshserviceProvider::company).toList();
    }

    @Override
    public List<PsaRecords.Contact> contacts() {
        return client.all("/requesters", "requesters").stream().map(FreshserviceProvider::contact).toList();
    }

    @Override
    public List<PsaRecords.Agent> agents() {
        return client.all("/agents", "agents").stream().map(FreshserviceProvider::agent).toList();
    }

    @Override
    public void tickets(TicketScope scope, Consumer<List<PsaRecords.Ticket>> page) {
        String query = switch (scope) {
            case LIGHT -> "(" + String.join(" OR ", ACTIVE_STATUSES.stream().map(s -> "status:" + s).toList()) + ")";
            case DETAIL -> "updated_at:>'" + OffsetDateTime.now(ZoneOffset.UTC).minusHours(detailWindowHours).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")) + "'";
            case FULL -> "created_at:>'2000-01-01'";
        };
        String path = "/tickets/filter?query=" + URLEncoder.encode("\"" + query + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        client.pages(path, "tickets", items -> {
            List<PsaRecords.Ticket> out = new ArrayList<>(items.size());
            for (JsonNode t : items) {
                if (scope == TicketScope.LIGHT) {
                    out.add(ticket(t, null, false));
                } else {
                    long id = t.path("id").asLong();
                    out.add(ticket(id, true).orElseGet(() -> ticket(t, null, false)));
                }
            }
            page.accept(out);
        });
    }

    @Override
    public Optional<PsaRecords.Ticket> ticket(long externalId, boolean withDetails) {
        JsonNode body = client.get("/tickets/" + externalId + (withDetails ? "?include=stats,conversations,requester" : ""));
        if (body == null || !body.has("ticket")) {
            return Optional.empty();
        }
        if (!withDetails) {
            return Optional.of(ticket(body.get("ticket"), null, false));
        }
        JsonNode entries = client.get("/tickets/" + externalId + "/time_entries");
        return Optional.of(ticket(body.get("ticket"), entries == null ? null : entries.get("time_entries"), true));
    }

    /** The department's {@code account_number} custom field is a number field in Freshservice: sent as an integer. */
    @Override
    public void writeAccountNumber(long companyExternalId, String accountNumber) {
        client.put("/departments/" + companyExternalId, Map.of("custom_fields", Map.of("account_number", Long.parseLong(accountNumber))));
    }

    @Override
    public String ticketUrl(String id) {
        return "https://" + webDomain + "/a/tickets/" + id;
    }

    @Override
    public String companyUrl(String id) {
        return "https://" + webDomain + "/a/admin/departments/" + id;
    }

    @Override
    public String contactUrl(String id) {
        return "https://" + webDomain + "/a/requesters/" + id;
    }

    @Override
    public String mapStatus(Integer nativeStatus) {
        return TicketStatuses.statusFromFs(nativeStatus);
    }

    @Override
    public String mapPriority(Integer nativePriority) {
        return TicketStatuses.priorityFromFs(nativePriority);
    }

    // ---- mapping -------------------------------------------------------------------------

    static PsaRecords.Company company(JsonNode d) {
        Map<String, String> custom = new LinkedHashMap<>();
        JsonNode cf = d.path("custom_fields");
        for (String f : CUSTOM_FIELDS) {
            String v = text(cf.get(f));
            if (v != null) {
                custom.put(f, v);
            }
        }
        return new PsaRecords.Company(d.path("id").asLong(), text(d.get("name")), text(d.get("description")), strings(d.get("domains")),
                longOrNull(d.get("head_user_id")), text(d.get("head_name")), longOrNull(d.get("prime_user_id")),
                text(d.get("prime_user_name")), intOrNull(d.get("workspace_id")), time(d.get("created_at")), time(d.get("updated_at")), custom);
    }

    static PsaRecords.Contact contact(JsonNode r) {
        return new PsaRecords.Contact(r.path("id").asLong(), text(r.get("first_name")), text(r.get("last_name")),
                text(r.get("primary_email")), strings(r.get("secondary_emails")), bool(r.get("active")), bool(r.get("is_agent")),
                bool(r.get("vip_user")), bool(r.get("has_logged_in")), text(r.get("mobile_phone_number")), text(r.get("work_phone_number")),
                text(r.get("address")), text(r.get("job_title")), longs(r.get("department_ids")), joined(r.get("department_names")),
                longOrNull(r.get("reporting_manager_id")), longOrNull(r.get("location_id")), text(r.get("location_name")),
                text(r.get("language")), text(r.get("time_zone")), text(r.get("time_format")),
                bool(r.get("can_see_all_tickets_from_associated_departments")), bool(r.get("can_see_all_changes_from_associated_departments")),
                time(r.get("created_at")), time(r.get("updated_at")), text(r.get("background_information")),
                longOrNull(r.get("work_schedule_id")), text(r.path("custom_fields").get("user_number")));
    }

    static PsaRecords.Agent agent(JsonNode a) {
        List<Long> groups = longs(a.has("member_of") ? a.get("member_of") : a.get("group_ids"));
        Boolean active = bool(a.get("active"));
        return new PsaRecords.Agent(a.path("id").asLong(), text(a.get("first_name")), text(a.get("last_name")), text(a.get("email")),
                text(a.get("job_title")), active == null || active, groups, longs(a.get("department_ids")), time(a.get("created_at")),
                time(a.get("updated_at")));
    }

    static PsaRecords.Ticket ticket(JsonNode t, JsonNode timeEntries, boolean detailed) {
        Integer status = intOrNull(t.get("status"));
        Integer priority = intOrNull(t.get("priority"));
        OffsetDateTime updated = time(t.get("updated_at"));
        String html = text(t.get("description"));
        String plain = text(t.get("description_text"));
        List<JsonNode> conversations = null;
        List<JsonNode> notes = null;
        Double hours = null;
        OffsetDateTime firstResponded = null;
        OffsetDateTime agentResponded = null;
        String requesterEmail = null;
        String requesterName = null;
        if (detailed) {
            conversations = new ArrayList<>();
            notes = new ArrayList<>();
            for (JsonNode c : t.path("conversations")) {
                ObjectNode m = Rows.JSON.createObjectNode();
                m.set("id", c.get("id"));
                String body = text(c.get("body_text"));
                m.put("body", body != null ? body : stripHtml(text(c.get("body"))));
                m.put("body_html", text(c.get("body")));
                m.put("from_email", text(c.get("from_email")));
                m.set("to_emails", c.has("to_emails") ? c.get("to_emails") : Rows.JSON.createArrayNode());
                m.put("created_at", text(c.get("created_at")));
                m.put("updated_at", text(c.get("updated_at")));
                m.put("incoming", c.path("incoming").asBoolean(false));
                m.put("private", c.path("private").asBoolean(false));
                m.set("user_id", c.get("user_id"));
                m.put("support_email", text(c.get("support_email")));
                (c.path("private").asBoolean(false) ? notes : conversations).add(m);
            }
            JsonNode stats = t.path("stats");
            firstResponded = time(stats.get("first_responded_at"));
            agentResponded = time(stats.get("agent_responded_at"));
            hours = hours(timeEntries);
            JsonNode requester = t.path("requester");
            requesterEmail = text(requester.get("email"));
            requesterName = text(requester.get("name"));
            if (requesterName == null) {
                String n = ((text(requester.get("first_name")) == null ? "" : text(requester.get("first_name"))) + " "
                        + (text(requester.get("last_name")) == null ? "" : text(requester.get("last_name")))).trim();
                requesterName = n.isEmpty() ? null : n;
            }
            if (requesterEmail == null) {
                requesterEmail = text(requester.get("primary_email"));
            }
        }
        return new PsaRecords.Ticket(t.path("id").asLong(), text(t.get("subject")), html, plain != null ? collapse(plain) : stripHtml(html),
                TicketStatuses.statusFromFs(status), status, TicketStatuses.priorityFromFs(priority), priority,
                text(t.get("type")) == null ? "Incident" : text(t.get("type")), longOrNull(t.get("requester_id")), requesterEmail,
                requesterName, longOrNull(t.get("responder_id")), longOrNull(t.get("group_id")), longOrNull(t.get("department_id")),
                time(t.get("created_at")), updated, status != null && status == 5 ? updated : null, time(t.get("fr_due_by")),
                time(t.get("due_by")), firstResponded, agentResponded, hours, conversations, notes, detailed);
    }

    /** Sum of {@code time_spent} ("hh:mm" or "hh:mm:ss") in decimal hours. */
    static double hours(JsonNode entries) {
        double total = 0;
        if (entries == null) {
            return 0;
        }
        for (JsonNode e : entries) {
            String s = text(e.get("time_spent"));
            if (s == null) {
                continue;
            }
            String[] p = s.split(":");
            try {
                total += Integer.parseInt(p[0]) + (p.length > 1 ? Integer.parseInt(p[1]) / 60.0 : 0) + (p.length > 2 ? Integer.parseInt(p[2]) / 3600.0 : 0);
            } catch (NumberFormatException ignored) {
                // an unreadable entry counts as nothing
            }
        }
        return Math.round(total * 100) / 100.0;
    }

    static String stripHtml(String html) {
        if (html == null) {
            return null;
        }
        return collapse(html.replaceAll("(?s)<[^>]*>", " ").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static String joined(JsonNode n) {
        if (n != null && n.isArray()) {
            List<String> l = strings(n);
            return l.isEmpty() ? null : String.join(", ", l);
        }
        return text(n);
    }

    static Integer intOrNull(JsonNode n) {
        Long l = longOrNull(n);
        return l == null ? null : l.intValue();
    }

    private static Boolean bool(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asBoolean();
    }

}
