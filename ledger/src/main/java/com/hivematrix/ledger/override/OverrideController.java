package com.hivematrix.ledger.override;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.engine.AssetTypes;
import com.hivematrix.ledger.engine.BillingEngine;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * {@code /api/overrides/*} with the original's paths and shapes (§A3), plus what it lacked: every
 * company override (backup fields included) can be set, a single one disabled (send it as null),
 * zero stays zero, bad values are 422 naming the fields, every change lands in the audit trail.
 */
@RestController
@RequestMapping("/api/overrides")
@PreAuthorize(Access.BILLING)
public class OverrideController {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public OverrideController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    // ---- company overrides ----

    @GetMapping("/client/{acct}")
    public Map<String, Object> getClient(@PathVariable String acct) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM client_billing_overrides WHERE company_account_number = ?").param(acct)
                .query().listOfRows();
        Map<String, Object> body = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            body.put("overrides", null);
            body.put("message", "No overrides found for this client");
            return body;
        }
        Map<String, Object> row = rows.get(0);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : ClientOverrideFields.ORDER) {
            ClientOverrideFields.Field f = ClientOverrideFields.ALL.get(key);
            values.put(key, Boolean.TRUE.equals(row.get(f.flag())) ? row.get(key) : null);
        }
        body.put("overrides", values);
        return body;
    }

    @RequestMapping(path = "/client/{acct}", method = {RequestMethod.PUT, RequestMethod.POST})
    @Transactional
    public Map<String, Object> putClient(@PathVariable String acct, @RequestBody JsonNode json, Authentication auth) {
        Fields in = new Fields(json);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : ClientOverrideFields.ORDER) {
            if (!in.has(key)) {
                continue;
            }
            ClientOverrideFields.Field f = ClientOverrideFields.ALL.get(key);
            Object v = f.numeric() ? in.money(key) : in.text(key, 100, false);
            values.put(key, v);
        }
        in.check();
        if (values.isEmpty()) {
            throw ProblemException.badRequest("No override fields given").with("error", "No valid override fields provided");
        }
        jdbc.sql("INSERT INTO client_billing_overrides (company_account_number) VALUES (?) ON CONFLICT (company_account_number) DO NOTHING")
                .param(acct).update();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            ClientOverrideFields.Field f = ClientOverrideFields.ALL.get(e.getKey());
            // the column names come from the fixed field table, never from the request
            jdbc.sql("UPDATE client_billing_overrides SET " + f.key() + " = :v, " + f.flag() + " = :on, updated_at = now() "
                    + "WHERE company_account_number = :acct")
                    .param("v", e.getValue()).param("on", e.getValue() != null).param("acct", acct).update();
        }
        audit.record(Access.actor(auth), acct, "client_override", acct, "update", values);
        return Map.of("message", "Overrides updated for " + acct);
    }

    @DeleteMapping("/client/{acct}")
    @Transactional
    public Map<String, Object> deleteClient(@PathVariable String acct, Authentication auth) {
        int n = jdbc.sql("DELETE FROM client_billing_overrides WHERE company_account_number = ?").param(acct).update();
        if (n == 0) {
            throw ProblemException.notFound("No overrides for " + acct).with("error", "No overrides found");
        }
        audit.record(Access.actor(auth), acct, "client_override", acct, "delete", null);
        return Map.of("message", "Overrides deleted for " + acct);
    }

    // ---- per-asset / per-user overrides ----

    @GetMapping("/asset/{id}")
    public Map<String, Object> getAsset(@PathVariable long id) {
        return getItem("asset_billing_overrides", "asset_id", id);
    }

    @RequestMapping(path = "/asset/{id}", method = {RequestMethod.PUT, RequestMethod.POST})
    @Transactional
    public Map<String, Object> putAsset(@PathVariable long id, @RequestBody JsonNode json, Authentication auth) {
        return putItem("asset_billing_overrides", "asset_id", id, AssetTypes.ASSET, json, auth);
    }

    @DeleteMapping("/asset/{id}")
    @Transactional
    public Map<String, Object> deleteAsset(@PathVariable long id, Authentication auth) {
        return deleteItem("asset_billing_overrides", "asset_id", id, auth);
    }

    @GetMapping("/user/{id}")
    public Map<String, Object> getUser(@PathVariable long id) {
        return getItem("user_billing_overrides", "user_id", id);
    }

    @RequestMapping(path = "/user/{id}", method = {RequestMethod.PUT, RequestMethod.POST})
    @Transactional
    public Map<String, Object> putUser(@PathVariable long id, @RequestBody JsonNode json, Authentication auth) {
        return putItem("user_billing_overrides", "user_id", id, AssetTypes.USER, json, auth);
    }

    @DeleteMapping("/user/{id}")
    @Transactional
    public Map<String, Object> deleteUser(@PathVariable long id, Authentication auth) {
        return deleteItem("user_billing_overrides", "user_id", id, auth);
    }

    /** The per-item overrides of these ids (for the settings page), keyed by id. */
    Map<Long, Map<String, Object>> itemOverrides(String table, String idCol, List<Long> ids) {
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        // table and column come from the two fixed callers, never from a request
        jdbc.sql("SELECT " + idCol + " AS id, billing_type, custom_cost FROM " + table + " WHERE " + idCol + " IN (:ids)").param("ids", ids)
                .query().listOfRows().forEach(r -> out.put(((Number) r.get("id")).longValue(), r));
        return out;
    }

    private Map<String, Object> getItem(String table, String idCol, long id) {
        Map<String, Object> row = jdbc.sql("SELECT " + idCol + ", billing_type, custom_cost FROM " + table + " WHERE " + idCol + " = ?")
                .param(id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("No override for " + id).with("error", "No override found"));
        return Map.of("override", row);
    }

    private Map<String, Object> putItem(String table, String idCol, long id, List<String> types, JsonNode json, Authentication auth) {
        Fields in = new Fields(json);
        String type = in.oneOf("billing_type", types, true);
        BigDecimal cost = in.money("custom_cost");
        if (AssetTypes.CUSTOM.equals(type) && cost == null && !in.has("custom_cost")) {
            in.error("custom_cost", "is required for type Custom");
        }
        in.check();
        jdbc.sql("INSERT INTO " + table + " (" + idCol + ", billing_type, custom_cost) VALUES (?, ?, ?) ON CONFLICT (" + idCol
                + ") DO UPDATE SET billing_type = excluded.billing_type, custom_cost = excluded.custom_cost").params(id, type, cost).update();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(idCol, id);
        o.put("billing_type", type);
        o.put("custom_cost", cost == null ? null : BillingEngine.money(cost));
        audit.record(Access.actor(auth), null, table, id, "upsert", o);
        return Map.of("override", o);
    }

    private Map<String, Object> deleteItem(String table, String idCol, long id, Authentication auth) {
        if (jdbc.sql("DELETE FROM " + table + " WHERE " + idCol + " = ?").param(id).update() == 0) {
            throw ProblemException.notFound("No override for " + id).with("error", "No override found");
        }
        audit.record(Access.actor(auth), null, table, id, "delete", null);
        return Map.of("message", "Override deleted");
    }

    // ---- manual assets / users ----

    @GetMapping("/manual-assets/{acct}")
    public Map<String, Object> manualAssets(@PathVariable String acct) {
        return Map.of("manual_assets", jdbc.sql("SELECT id, hostname, billing_type, custom_cost, notes FROM manual_assets "
                + "WHERE company_account_number = ? ORDER BY id").param(acct).query().listOfRows());
    }

    @RequestMapping(path = "/manual-assets/{acct}", method = RequestMethod.POST)
    @Transactional
    public ResponseEntity<Map<String, Object>> addManualAsset(@PathVariable String acct, @RequestBody JsonNode json, Authentication auth) {
        return addManual("manual_assets", "hostname", AssetTypes.ASSET, acct, json, auth);
    }

    @DeleteMapping("/manual-assets/{acct}/{id}")
    @Transactional
    public Map<String, Object> deleteManualAsset(@PathVariable String acct, @PathVariable long id, Authentication auth) {
        return deleteOwned("manual_assets", acct, id, auth);
    }

    @GetMapping("/manual-users/{acct}")
    public Map<String, Object> manualUsers(@PathVariable String acct) {
        return Map.of("manual_users", jdbc.sql("SELECT id, full_name, billing_type, custom_cost, notes FROM manual_users "
                + "WHERE company_account_number = ? ORDER BY id").param(acct).query().listOfRows());
    }

    @RequestMapping(path = "/manual-users/{acct}", method = RequestMethod.POST)
    @Transactional
    public ResponseEntity<Map<String, Object>> addManualUser(@PathVariable String acct, @RequestBody JsonNode json, Authentication auth) {
        return addManual("manual_users", "full_name", AssetTypes.USER, acct, json, auth);
    }

    @DeleteMapping("/manual-users/{acct}/{id}")
    @Transactional
    public Map<String, Object> deleteManualUser(@PathVariable String acct, @PathVariable long id, Authentication auth) {
        return deleteOwned("manual_users", acct, id, auth);
    }

    private ResponseEntity<Map<String, Object>> addManual(String table, String nameCol, List<String> types, String acct, JsonNode json,
            Authentication auth) {
        Fields in = new Fields(json);
        String name = in.text(nameCol, 150, true);
        String type = in.oneOf("billing_type", types, true);
        BigDecimal cost = in.money("custom_cost");
        String notes = in.text("notes", 5000, false);
        in.check();
        long id = jdbc.sql("INSERT INTO " + table + " (company_account_number, " + nameCol + ", billing_type, custom_cost, notes) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id").params(acct, name, type, cost, notes).query(Long.class).single();
        audit.record(Access.actor(auth), acct, table, id, "create", Map.of(nameCol, name, "billing_type", type));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("message", "Created", "id", id));
    }

    private Map<String, Object> deleteOwned(String table, String acct, long id, Authentication auth) {
        if (jdbc.sql("DELETE FROM " + table + " WHERE id = ? AND company_account_number = ?").params(id, acct).update() == 0) {
            throw ProblemException.notFound("Item " + id + " not found for " + acct).with("error", "Not found");
        }
        audit.record(Access.actor(auth), acct, table, id, "delete", null);
        return Map.of("message", "Deleted");
    }

    // ---- custom line items ----

    @GetMapping("/line-items/{acct}")
    public Map<String, Object> lineItems(@PathVariable String acct) {
        return Map.of("line_items", jdbc.sql("SELECT id, name, description, monthly_fee, one_off_fee, one_off_year, one_off_month, "
                + "yearly_fee, yearly_bill_month FROM custom_line_items WHERE company_account_number = ? ORDER BY id").param(acct)
                .query().listOfRows());
    }

    static final List<String> LINE_ITEM_FIELDS = List.of("name", "description", "monthly_fee", "one_off_fee", "one_off_year",
            "one_off_month", "yearly_fee", "yearly_bill_month");

    Map<String, Object> lineItemValues(Fields in, boolean create) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (create || in.has("name")) {
            v.put("name", in.text("name", 150, true));
        }
        if (in.has("description")) {
            v.put("description", in.text("description", 5000, false));
        }
        for (String f : List.of("monthly_fee", "one_off_fee", "yearly_fee")) {
            if (in.has(f)) {
                v.put(f, in.money(f));
            }
        }
        if (in.has("one_off_year")) {
            v.put("one_off_year", in.integer("one_off_year", 2000, 2999));
        }
        if (in.has("one_off_month")) {
            v.put("one_off_month", in.integer("one_off_month", 1, 12));
        }
        if (in.has("yearly_bill_month")) {
            v.put("yearly_bill_month", in.integer("yearly_bill_month", 1, 12));
        }
        return v;
    }

    @RequestMapping(path = "/line-items/{acct}", method = RequestMethod.POST)
    @Transactional
    public ResponseEntity<Map<String, Object>> addLineItem(@PathVariable String acct, @RequestBody JsonNode json, Authentication auth) {
        Fields in = new Fields(json);
        Map<String, Object> v = lineItemValues(in, true);
        in.check();
        List<String> cols = new ArrayList<>(v.keySet());
        long id = jdbc.sql("INSERT INTO custom_line_items (company_account_number, " + String.join(", ", cols) + ") VALUES (:acct, "
                + String.join(", ", cols.stream().map(c -> ":" + c).toList()) + ") RETURNING id")
                .param("acct", acct).params(v).query(Long.class).single();
        audit.record(Access.actor(auth), acct, "custom_line_item", id, "create", v);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("message", "Line item created", "id", id));
    }

    @RequestMapping(path = "/line-items/{acct}/{id}", method = RequestMethod.PUT)
    @Transactional
    public Map<String, Object> updateLineItem(@PathVariable String acct, @PathVariable long id, @RequestBody JsonNode json,
            Authentication auth) {
        Fields in = new Fields(json);
        Map<String, Object> v = lineItemValues(in, false);
        in.check();
        exists("custom_line_items", acct, id);
        if (!v.isEmpty()) {
            String set = String.join(", ", v.keySet().stream().map(c -> c + " = :" + c).toList());
            jdbc.sql("UPDATE custom_line_items SET " + set + " WHERE id = :id").params(v).param("id", id).update();
        }
        audit.record(Access.actor(auth), acct, "custom_line_item", id, "update", v);
        return Map.of("message", "Line item updated");
    }

    @DeleteMapping("/line-items/{acct}/{id}")
    @Transactional
    public Map<String, Object> deleteLineItem(@PathVariable String acct, @PathVariable long id, Authentication auth) {
        return deleteOwned("custom_line_items", acct, id, auth);
    }

    private void exists(String table, String acct, long id) {
        if (jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ? AND company_account_number = ?").params(id, acct)
                .query(Long.class).single() == 0) {
            throw ProblemException.notFound("Item " + id + " not found for " + acct).with("error", "Not found");
        }
    }

    // ---- feature overrides ----

    @GetMapping("/features/{acct}")
    public Map<String, Object> features(@PathVariable String acct) {
        return Map.of("feature_overrides", jdbc.sql("SELECT feature_type, override_enabled, value FROM client_feature_overrides "
                + "WHERE company_account_number = ? ORDER BY feature_type").param(acct).query().listOfRows());
    }

    @RequestMapping(path = "/features/{acct}", method = {RequestMethod.PUT, RequestMethod.POST})
    @Transactional
    public Map<String, Object> putFeatures(@PathVariable String acct, @RequestBody JsonNode json, Authentication auth) {
        Fields in = new Fields(json);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : BillingEngine.FEATURE_KEYS) {
            if (in.has(key)) {
                values.put(key, in.text(key, 100, false));
            }
        }
        in.check();
        if (values.isEmpty()) {
            throw ProblemException.badRequest("No feature fields given").with("error", "No valid feature fields provided");
        }
        values.forEach((k, v) -> jdbc.sql("""
                INSERT INTO client_feature_overrides (company_account_number, feature_type, override_enabled, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (company_account_number, feature_type) DO UPDATE SET override_enabled = excluded.override_enabled,
                value = excluded.value""").params(acct, k, v != null, v).update());
        audit.record(Access.actor(auth), acct, "feature_override", acct, "update", values);
        return Map.of("message", "Feature overrides updated: " + String.join(", ", values.keySet()));
    }

    @DeleteMapping("/features/{acct}/{feature}")
    @Transactional
    public Map<String, Object> deleteFeature(@PathVariable String acct, @PathVariable String feature, Authentication auth) {
        if (jdbc.sql("DELETE FROM client_feature_overrides WHERE company_account_number = ? AND feature_type = ?").params(acct, feature)
                .update() == 0) {
            throw ProblemException.notFound("No override of " + feature).with("error", "Feature override not found");
        }
        audit.record(Access.actor(auth), acct, "feature_override", feature, "delete", null);
        return Map.of("message", "Feature override deleted");
    }
}
