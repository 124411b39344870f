package com.hivematrix.codex.psa.superops;

import static com.hivematrix.codex.vendor.VendorJson.strings;
import static com.hivematrix.codex.vendor.VendorJson.text;
import static com.hivematrix.codex.vendor.VendorJson.time;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.hivematrix.codex.psa.PsaException;
import com.hivematrix.codex.psa.PsaProvider;
import com.hivematrix.codex.psa.PsaRecords;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.superops.SuperOpsClient;

import tools.jackson.databind.JsonNode;

/**
 * SuperOps PSA over its GraphQL API (the original left it a stub, spec §5.4): clients →
 * companies, client users → contacts, technicians → PSA agents, tickets. SuperOps has no
 * account-number field of its own: the client custom field named by
 * {@code superops.account_number_field} (default {@code account_number}) carries it, like
 * Freshservice's department custom field. Statuses and priorities are names, mapped onto
 * Codex's vocabulary (spec §5.3) so Beacon's sections work the same for both PSAs.
 */
public class SuperOpsProvider implements PsaProvider {

    public static final String NAME = "superops";

    static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("open", "open"), Map.entry("new", "open"), Map.entry("in progress", "under_investigation"),
            Map.entry("pending", "pending"), Map.entry("on hold", "on_hold"), Map.entry("scheduled", "scheduled"),
            Map.entry("waiting on customer", "waiting_customer"), Map.entry("awaiting customer response", "waiting_customer"),
            Map.entry("waiting on third party", "waiting_third_party"), Map.entry("customer replied", "customer_replied"),
            Map.entry("update needed", "update_needed"), Map.entry("resolved", "resolved"), Map.entry("closed", "closed"),
            Map.entry("spam", "spam"), Map.entry("deleted", "deleted"));
    static final Map<String, String> PRIORITIES = Map.of("low", "low", "medium", "medium", "normal", "medium", "high", "high",
            "urgent", "urgent", "critical", "urgent");
    /** What the light sync asks for: every SuperOps status that maps to an active Codex status. */
    static final List<String> ACTIVE = List.of("Open", "New", "In Progress", "Pending", "On Hold", "Scheduled", "Waiting on Customer",
            "Awaiting Customer Response", "Waiting on Third Party", "Customer Replied", "Update Needed");

    static final String TICKET_FIELDS = """
            ticketId displayId subject ticketType source status priority client site requester technician techGroup
            createdTime updatedTime firstResponseDueTime firstResponseTime resolutionDueTime resolutionTime""";

    private final SuperOpsClient client;
    private final String subdomain;
    private final String accountNumberField;
    private final int detailWindowHours;

    public SuperOpsProvider(SuperOpsClient client, String subdomain, String accountNumberField, int detailWindowHours) {
        this.client = client;
        this.subdomain = subdomain;
        this.accountNumberField = accountNumberField;
        this.detailWindowHours = detailWindowHours;
    }

    public static SuperOpsProvider fromSettings(SettingsService settings, String baseUrlOverride) {
        SuperOpsClient client = SuperOpsClient.fromSettings(settings, baseUrlOverride, PsaException.FAILURES);
        return new SuperOpsProvider(client, client.subdomain(), SuperOpsClient.accountNumberField(settings),
                settings.getInt("superops.detail_window_hours", 48));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "SuperOps";
    }

    @Override
    public ConnectionTest testConnection() {
        try {
            client.query("query getTechnicianList($input: ListInfoInput!) { getTechnicianList(input: $input) { listInfo { totalCount } } }",
                    Map.of("input", Map.of("page", 1, "pageSize", 1)));
            return new ConnectionTest(true, "Connected to SuperOps");
        } catch (PsaException e) {
            return new ConnectionTest(false, e.getMessage());
        }
    }

    @Override
    public List<PsaRecords.Company> companies() {
        List<PsaRecords.Company> out = new ArrayList<>();
        client.pages("""
                query getClientList($input: ListInfoInput!) { getClientList(input: $input) {
                  clients { accountId name stage status emailDomains primaryContact secondaryContact hqSite customFields createdTime updatedTime }
                  listInfo { page pageSize hasMore totalCount } } }""", "getClientList", "clients", null, page -> {
                    for (JsonNode c : page) {
                        id(c.get("accountId")).ifPresent(id -> out.add(company(id, c)));
                    }
                });
        return out;
    }

    PsaRecords.Company company(long id, JsonNode c) {
        Map<String, String> custom = new LinkedHashMap<>();
        JsonNode cf = c.path("customFields");
        cf.properties().forEach(e -> {
            String v = text(e.getValue());
            if (v != null) {
                custom.put(e.getKey(), v);
            }
        });
        String acct = custom.remove(accountNumberField);
        if (acct != null) {
            custom.put("account_number", acct);
        } else {
            custom.remove("account_number");
        }
        String address = text(c.path("hqSite").get("address"));
        if (address != null) {
            custom.putIfAbsent("address", address);
        }
        JsonNode primary = c.path("primaryContact");
        JsonNode secondary = c.path("secondaryContact");
        return new PsaRecords.Company(id, text(c.get("name")), null, strings(c.get("emailDomains")), id(primary.get("userId")).orElse(null),
                text(primary.get("name")), id(secondary.get("userId")).orElse(null), text(secondary.get("name")), null,
                time(c.get("createdTime")), time(c.get("updatedTime")), custom);
    }

    @Override
    public List<PsaRecords.Contact> contacts() {
        List<PsaRecords.Contact> out = new ArrayList<>();
        client.pages("""
                query getClientUserList($input: ListInfoInput!) { getClientUserList(input: $input) {
                  userList { userId firstName lastName name email contactNumber designation client site customFields }
                  listInfo { page pageSize hasMore totalCount } } }""", "getClientUserList", "userList", null, page -> {
                    for (JsonNode u : page) {
                        id(u.get("userId")).ifPresent(id -> {
                            List<Long> clients = id(u.path("client").get("accountId")).map(List::of).orElse(List.of());
                            out.add(new PsaRecords.Contact(id, text(u.get("firstName")), text(u.get("lastName")), text(u.get("email")),
                                    List.of(), true, false, false, null, null, text(u.get("contactNumber")), null,
                                    text(u.get("designation")), clients, text(u.path("client").get("name")), null, null,
                                    text(u.path("site").get("name")), null, null, null, null, null, null, null, null, null,
                                    text(u.path("customFields").get("user_number"))));
                        });
                    }
                });
        return out;
    }

    @Override
    public List<PsaRecords.Agent> agents() {
        List<PsaRecords.Agent> out = new ArrayList<>();
        client.pages("""
                query getTechnicianList($input: ListInfoInput!) { getTechnicianList(input: $input) {
                  userList { userId firstName lastName name email contactNumber designation groups }
                  listInfo { page pageSize hasMore totalCount } } }""", "getTechnicianList", "userList", null, page -> {
                    for (JsonNode t : page) {
                        id(t.get("userId")).ifPresent(id -> {
                            List<Long> groups = new ArrayList<>();
                            t.path("groups").forEach(g -> id(g.get("groupId")).ifPresent(groups::add));
                            out.add(new PsaRecords.Agent(id, text(t.get("firstName")), text(t.get("lastName")), text(t.get("email")),
                                    text(t.get("designation")), true, groups, List.of(), null, null));
                        });
                    }
                });
        return out;
    }

    @Override
    public void tickets(TicketScope scope, Consumer<List<PsaRecords.Ticket>> page) {
        Object condition = switch (scope) {
            case LIGHT -> Map.of("attribute", "status", "operator", "includes", "value", ACTIVE);
            case DETAIL -> Map.of("attribute", "updatedTime", "operator", "greaterThan", "value",
                    OffsetDateTime.now(ZoneOffset.UTC).minusHours(detailWindowHours).truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case FULL -> null;
        };
        client.pages("query getTicketList($input: ListInfoInput!) { getTicketList(input: $input) { tickets { " + TICKET_FIELDS
                + " } listInfo { page pageSize hasMore totalCount } } }", "getTicketList", "tickets", condition, items -> {
                    List<PsaRecords.Ticket> out = new ArrayList<>(items.size());
                    for (JsonNode t : items) {
                        id(t.get("ticketId")).ifPresent(id -> out.add(ticket(id, t)));
                    }
                    page.accept(out);
                });
    }

    @Override
    public Optional<PsaRecords.Ticket> ticket(long externalId, boolean withDetails) {
        JsonNode t = client.query("query getTicket($input: TicketIdentifierInput!) { getTicket(input: $input) { " + TICKET_FIELDS + " } }",
                Map.of("input", Map.of("ticketId", String.valueOf(externalId)))).get("getTicket");
        return t == null || t.isNull() ? Optional.empty() : Optional.of(ticket(externalId, t));
    }

    PsaRecords.Ticket ticket(long id, JsonNode t) {
        String status = status(text(t.get("status")));
        OffsetDateTime resolved = time(t.get("resolutionTime"));
        boolean done = "closed".equals(status) || "resolved".equals(status);
        return new PsaRecords.Ticket(id, text(t.get("subject")), null, null, status, null, priority(text(t.get("priority"))), null,
                text(t.get("ticketType")) == null ? "Incident" : text(t.get("ticketType")), id(t.path("requester").get("userId")).orElse(null),
                text(t.path("requester").get("email")), text(t.path("requester").get("name")),
                id(t.path("technician").get("userId")).orElse(null), id(t.path("techGroup").get("groupId")).orElse(null),
                id(t.path("client").get("accountId")).orElse(null), time(t.get("createdTime")), time(t.get("updatedTime")),
                done ? resolved : null, time(t.get("firstResponseDueTime")), time(t.get("resolutionDueTime")), time(t.get("firstResponseTime")),
                null, null, null, null, false);
    }

    static String status(String name) {
        if (name == null || name.isBlank()) {
            return "unknown";
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        return STATUSES.getOrDefault(key, key.replaceAll("[^a-z0-9]+", "_"));
    }

    static String priority(String name) {
        return name == null ? "unknown" : PRIORITIES.getOrDefault(name.trim().toLowerCase(Locale.ROOT), "unknown");
    }

    @Override
    public String ticketUrl(String id) {
        return "https://" + subdomain + ".superops.ai/#/tickets/" + id + "/details";
    }

    @Override
    public String companyUrl(String id) {
        return "https://" + subdomain + ".superops.ai/#/clients/" + id + "/overview";
    }

    @Override
    public String contactUrl(String id) {
        return "https://" + subdomain + ".superops.ai/#/users/" + id;
    }

    /** SuperOps statuses are names, not numbers: a number maps to nothing. */
    @Override
    public String mapStatus(Integer nativeStatus) {
        return "unknown";
    }

    @Override
    public String mapPriority(Integer nativePriority) {
        return "unknown";
    }

    /** SuperOps ids are 64-bit numbers sent as strings. */
    static Optional<Long> id(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(n.isString() ? n.asString().trim() : n.toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

}
