package com.hivematrix.ledger.codex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import com.hivematrix.ledger.engine.Inputs;
import com.hivematrix.ledger.engine.Rate;
import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Ledger's reads from Codex (spec §A5), with Ledger's own service token. Nothing is cached:
 * Codex is the source of truth. Codex unreachable → the shared client's 503 problem.
 */
@Component
public class CodexClient {

    static final String CODEX = "codex";

    private final ServiceClient client;

    public CodexClient(ServiceClient client) {
        this.client = client;
    }

    public List<Inputs.Plan> plans() {
        JsonNode body = get("/billing-plans/api/plans");
        List<Inputs.Plan> plans = new ArrayList<>();
        for (JsonNode p : body.path("plans")) {
            plans.add(plan(p));
        }
        return plans;
    }

    /** The raw plan rows for {@code /api/plans}. */
    public JsonNode rawPlans() {
        return get("/billing-plans/api/plans").path("plans");
    }

    /**
     * A Codex call; an answer cut off or too slow (read timeout, connection closed mid-body) is a
     * 503 problem like Codex being down, never a 500, and nothing is half-done on Ledger's side.
     */
    private JsonNode get(String path) {
        try {
            return client.get(CODEX, path, JsonNode.class);
        } catch (RestClientException e) {
            throw ProblemException.serviceUnavailable("Codex did not answer in full in time; try again", 30)
                    .with("error", "Codex unavailable");
        }
    }

    /** Whether Codex knows the company (one small call; imports check each account they name). */
    public boolean exists(String acct) {
        String enc = java.net.URLEncoder.encode(acct, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        try {
            get("/api/companies/" + enc);
            return true;
        } catch (ProblemException e) {
            if (e.getStatusCode().value() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** One company with its assets, contacts and tickets ({@code year} null = all tickets); 404 when Codex has no such company. */
    public CompanyData company(String acct, Integer year) {
        String enc = java.net.URLEncoder.encode(acct, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode company;
        try {
            company = get("/api/companies/" + enc);
        } catch (ProblemException e) {
            if (e.getStatusCode().value() == 404) {
                throw ProblemException.notFound("Company " + acct + " not found").with("error", "Company not found");
            }
            throw e;
        }
        JsonNode assets = get("/api/companies/" + enc + "/assets");
        JsonNode contacts = contactsWithLinks(enc);
        JsonNode tickets = get("/api/companies/" + enc + "/tickets" + (year == null ? "" : "?year=" + year));
        return parse(company, assets, contacts, tickets);
    }

    /**
     * The company's contacts with every account each is linked to ({@code company_account_numbers}),
     * so a contact shared by several companies is billed in one of them only (rule
     * {@code sharedContactsInEachCompany}); paged through Codex's contact list.
     */
    private JsonNode contactsWithLinks(String encodedAcct) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (int page = 1; page <= 1000; page++) {
            JsonNode body = get("/api/contacts?company_id=" + encodedAcct + "&per_page=500&page=" + page);
            body.path("contacts").forEach(all::add);
            if (!body.path("pagination").path("has_next").asBoolean(false)) {
                break;
            }
        }
        return all;
    }

    /** Every company in one call: {@code /api/companies/bulk?include_tickets=true[&year=Y]}. */
    public List<CompanyData> bulk(Integer year) {
        JsonNode body = get("/api/companies/bulk?include_tickets=true" + (year == null ? "" : "&year=" + year));
        if (body == null || !body.isArray()) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "Codex answered the bulk company call with something else than a list");
        }
        // the bulk answer lists a shared contact under each of its companies: that is its set of links
        Map<Long, List<String>> links = new HashMap<>();
        for (JsonNode e : body) {
            String acct = Json.text(e.path("company"), "account_number");
            e.path("contacts").forEach(c -> links.computeIfAbsent(c.path("id").asLong(), k -> new ArrayList<>()).add(acct));
        }
        List<CompanyData> out = new ArrayList<>();
        for (JsonNode e : body) {
            CompanyData d = parse(e.path("company"), e.path("assets"), e.path("contacts"), e.path("tickets"));
            out.add(new CompanyData(d.company(), d.assets(), d.contacts().stream()
                    .map(c -> new Inputs.Contact(c.id(), c.name(), c.email(), c.active(), links.get(c.id()))).toList(), d.tickets()));
        }
        return out;
    }

    static CompanyData parse(JsonNode c, JsonNode assets, JsonNode contacts, JsonNode tickets) {
        Inputs.Company company = new Inputs.Company(Json.text(c, "account_number"), Json.text(c, "name"), Json.text(c, "billing_plan"),
                Json.text(c, "contract_term_length"), Json.date(c, "contract_start_date"), Json.date(c, "contract_end_date"),
                Json.text(c, "support_level"));
        List<Inputs.Asset> a = new ArrayList<>();
        for (JsonNode n : assets) {
            a.add(new Inputs.Asset(n.path("id").asLong(), Json.text(n, "hostname"), Json.text(n, "device_type"),
                    n.path("backup_data_bytes").asLong(0)));
        }
        List<Inputs.Contact> p = new ArrayList<>();
        for (JsonNode n : contacts) {
            List<String> linked = new ArrayList<>();
            n.path("company_account_numbers").forEach(x -> linked.add(x.asString()));
            p.add(new Inputs.Contact(n.path("id").asLong(), Json.text(n, "name"), Json.text(n, "email"), Json.bool(n, "active"), linked));
        }
        List<Inputs.Ticket> t = new ArrayList<>();
        for (JsonNode n : tickets) {
            BigDecimal hours = Json.decimal(n, "total_hours_spent");
            t.add(new Inputs.Ticket(n.path("ticket_id").asLong(), Json.text(n, "ticket_number"), Json.text(n, "subject"),
                    Json.text(n, "last_updated_at"), hours == null ? BigDecimal.ZERO : hours));
        }
        return new CompanyData(company, a, p, t);
    }

    static Inputs.Plan plan(JsonNode p) {
        Map<Rate, BigDecimal> rates = new EnumMap<>(Rate.class);
        for (Rate r : Rate.values()) {
            BigDecimal v = Json.decimal(p, r.key());
            if (v != null) {
                rates.put(r, v);
            }
        }
        Map<String, String> features = new LinkedHashMap<>();
        p.path("features").properties().forEach(e -> features.put(e.getKey(), e.getValue().asString()));
        Map<String, String> names = new LinkedHashMap<>();
        p.path("feature_display_names").properties().forEach(e -> names.put(e.getKey(), e.getValue().asString()));
        return new Inputs.Plan(Json.text(p, "plan_name"), Json.text(p, "term_length"), Json.text(p, "support_level"), rates, features, names);
    }
}
