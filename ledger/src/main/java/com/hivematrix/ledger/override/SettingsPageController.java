package com.hivematrix.ledger.override;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.engine.AssetTypes;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.engine.BillingEngine;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;
import com.hivematrix.ledger.web.Periods;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The billing settings of one company: every adjustment the API has, as real POST forms (deletes
 * too). Each form goes through {@link OverrideController}, so the page and the API share one
 * validation and one audit trail; a rejected form re-renders with the problem's field errors.
 */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class SettingsPageController {

    private final OverrideController api;
    private final BillingService billing;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public SettingsPageController(OverrideController api, BillingService billing, JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.api = api;
        this.billing = billing;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/client/{acct}/settings")
    public String page(@PathVariable String acct, Model model) {
        fill(acct, model);
        return "client/settings";
    }

    @PostMapping("/client/{acct}/settings/overrides")
    public String overrides(@PathVariable String acct, @RequestParam MultiValueMap<String, String> form, Authentication auth, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        ObjectNode body = json.createObjectNode();
        for (String key : ClientOverrideFields.ORDER) {
            String v = form.getFirst(key);
            boolean on = form.containsKey(key + "_enabled") && v != null && !v.isBlank();
            if (on) {
                body.put(key, v.trim());
            } else {
                body.putNull(key);
            }
        }
        return apply(acct, "Company overrides saved", () -> api.putClient(acct, body, auth), model, response, redirect);
    }

    @PostMapping("/client/{acct}/settings/features")
    public String features(@PathVariable String acct, @RequestParam MultiValueMap<String, String> form, Authentication auth, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        ObjectNode body = json.createObjectNode();
        for (String key : BillingEngine.FEATURE_KEYS) {
            String v = form.getFirst(key);
            if (v == null || v.isBlank()) {
                body.putNull(key);
            } else {
                body.put(key, v.trim());
            }
        }
        return apply(acct, "Feature overrides saved", () -> api.putFeatures(acct, body, auth), model, response, redirect);
    }

    @PostMapping("/client/{acct}/settings/{kind:assets|users}/{id}")
    public String item(@PathVariable String acct, @PathVariable String kind, @PathVariable long id,
            @RequestParam(name = "billing_type", required = false) String type, @RequestParam(name = "custom_cost", required = false) String cost,
            Authentication auth, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        boolean asset = "assets".equals(kind);
        if (type == null || type.isBlank()) {
            return apply(acct, "Override removed", () -> asset ? api.deleteAsset(id, auth) : api.deleteUser(id, auth), model, response,
                    redirect);
        }
        ObjectNode body = json.createObjectNode().put("billing_type", type);
        if (cost != null && !cost.isBlank()) {
            body.put("custom_cost", cost.trim());
        }
        return apply(acct, "Override saved", () -> asset ? api.putAsset(id, body, auth) : api.putUser(id, body, auth), model, response, redirect);
    }

    @PostMapping("/client/{acct}/settings/{kind:manual-assets|manual-users|line-items}")
    public String add(@PathVariable String acct, @PathVariable String kind, @RequestParam MultiValueMap<String, String> form,
            Authentication auth, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ObjectNode body = json.createObjectNode();
        form.forEach((k, v) -> {
            if (!v.isEmpty() && v.get(0) != null && !v.get(0).isBlank() && !"_csrf".equals(k)) {
                body.put(k, v.get(0).trim());
            }
        });
        return apply(acct, "Added", () -> switch (kind) {
            case "manual-assets" -> api.addManualAsset(acct, body, auth).getBody();
            case "manual-users" -> api.addManualUser(acct, body, auth).getBody();
            default -> api.addLineItem(acct, body, auth).getBody();
        }, model, response, redirect);
    }

    @PostMapping("/client/{acct}/settings/{kind:manual-assets|manual-users|line-items}/{id}/delete")
    public String delete(@PathVariable String acct, @PathVariable String kind, @PathVariable long id, Authentication auth, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return apply(acct, "Deleted", () -> switch (kind) {
            case "manual-assets" -> api.deleteManualAsset(acct, id, auth);
            case "manual-users" -> api.deleteManualUser(acct, id, auth);
            default -> api.deleteLineItem(acct, id, auth);
        }, model, response, redirect);
    }

    private String apply(String acct, String done, Supplier<Map<String, Object>> action, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            action.get();
        } catch (ProblemException e) {
            int status = e.getStatusCode().value();
            if (status >= 500) {
                throw e;
            }
            response.setStatus(status);
            model.addAttribute("problem", e.getBody().getDetail());
            Object errors = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
            model.addAttribute("fieldErrors", errors == null ? List.of() : errors);
            fill(acct, model);
            return "client/settings";
        }
        redirect.addAttribute("saved", done);
        return "redirect:/client/{acct}/settings";
    }

    private void fill(String acct, Model model) {
        var period = Periods.of(null, null, clock);
        CompanyData data = billing.codex().company(acct, billing.ticketYear(period));
        model.addAttribute("acct", acct);
        model.addAttribute("company", data.company());
        model.addAttribute("assets", data.assets());
        model.addAttribute("contacts", data.contacts());
        Bill bill = null;
        try {
            bill = billing.bill(acct, period);
        } catch (ProblemException e) {
            model.addAttribute("billProblem", e.getBody().getDetail());
        }
        model.addAttribute("bill", bill);
        Map<String, Object> row = jdbc.sql("SELECT * FROM client_billing_overrides WHERE company_account_number = ?").param(acct)
                .query().listOfRows().stream().findFirst().orElse(Map.of());
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        for (String key : ClientOverrideFields.ORDER) {
            ClientOverrideFields.Field f = ClientOverrideFields.ALL.get(key);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label(key));
            m.put("enabled", Boolean.TRUE.equals(row.get(f.flag())));
            m.put("value", row.get(key));
            m.put("plan", f.rate() != null && bill != null ? bill.effectiveRates().get(f.rate()) : null);
            fields.put(key, m);
        }
        model.addAttribute("fields", fields);
        model.addAttribute("assetOverrides", api.itemOverrides("asset_billing_overrides", "asset_id", data.assets().stream().map(a -> a.id()).toList()));
        model.addAttribute("userOverrides", api.itemOverrides("user_billing_overrides", "user_id", data.contacts().stream().map(c -> c.id()).toList()));
        model.addAttribute("manualAssets", api.manualAssets(acct).get("manual_assets"));
        model.addAttribute("manualUsers", api.manualUsers(acct).get("manual_users"));
        model.addAttribute("lineItems", api.lineItems(acct).get("line_items"));
        Map<String, Object> features = new LinkedHashMap<>();
        for (String k : BillingEngine.FEATURE_KEYS) {
            features.put(k, null);
        }
        for (Map<String, Object> f : jdbc.sql("SELECT feature_type, value FROM client_feature_overrides WHERE company_account_number = ? "
                + "AND override_enabled").param(acct).query().listOfRows()) {
            features.put((String) f.get("feature_type"), f.get("value"));
        }
        model.addAttribute("features", features);
        // who changed this company's adjustments (people, or Brainhair acting as the approving user), newest first
        model.addAttribute("changes", jdbc.sql("SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' AS at, actor, "
                + "entity, action, detail::text AS detail FROM audit_log WHERE company_account_number = ? ORDER BY occurred_at DESC, id DESC "
                + "LIMIT 25").param(acct).query().listOfRows());
        model.addAttribute("assetTypes", AssetTypes.ASSET);
        model.addAttribute("userTypes", AssetTypes.USER);
    }

    static String label(String key) {
        String s = key.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
