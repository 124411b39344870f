package com.hivematrix.ledger.override;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.hivematrix.ledger.engine.Inputs;
import com.hivematrix.ledger.engine.Rate;

/** Reads Ledger's adjustments for the engine: one company, or every company at once (dashboard, bulk runs). */
@Repository
public class AdjustmentRepository {

    private final JdbcClient jdbc;

    public AdjustmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Inputs.Adjustments forCompany(String acct) {
        Map<String, Inputs.Adjustments> all = load(acct);
        return all.getOrDefault(acct, Inputs.Adjustments.NONE);
    }

    /** Every company's adjustments (asset and user overrides are global, keyed by Codex id). */
    public Map<String, Inputs.Adjustments> all() {
        return load(null);
    }

    private Map<String, Inputs.Adjustments> load(String acct) {
        String where = acct == null ? "" : " WHERE company_account_number = :acct";
        Map<String, Object> p = acct == null ? Map.of() : Map.of("acct", acct);
        Map<String, Inputs.ClientOverride> clients = new HashMap<>();
        jdbc.sql("SELECT * FROM client_billing_overrides" + where).params(p).query(rs -> {
            clients.put(rs.getString("company_account_number"), clientOverride(rs));
        });
        Map<Long, Inputs.ItemOverride> assetOv = new HashMap<>();
        jdbc.sql("SELECT asset_id, billing_type, custom_cost FROM asset_billing_overrides")
                .query(rs -> {
                    assetOv.put(rs.getLong(1), new Inputs.ItemOverride(rs.getString(2), rs.getBigDecimal(3)));
                });
        Map<Long, Inputs.ItemOverride> userOv = new HashMap<>();
        jdbc.sql("SELECT user_id, billing_type, custom_cost FROM user_billing_overrides")
                .query(rs -> {
                    userOv.put(rs.getLong(1), new Inputs.ItemOverride(rs.getString(2), rs.getBigDecimal(3)));
                });
        Map<String, List<Inputs.ManualItem>> manualAssets = new HashMap<>();
        jdbc.sql("SELECT * FROM manual_assets" + where + " ORDER BY id").params(p).query(rs -> {
            manualAssets.computeIfAbsent(rs.getString("company_account_number"), k -> new ArrayList<>()).add(new Inputs.ManualItem(
                    rs.getLong("id"), rs.getString("hostname"), rs.getString("billing_type"), rs.getBigDecimal("custom_cost"), rs.getString("notes")));
        });
        Map<String, List<Inputs.ManualItem>> manualUsers = new HashMap<>();
        jdbc.sql("SELECT * FROM manual_users" + where + " ORDER BY id").params(p).query(rs -> {
            manualUsers.computeIfAbsent(rs.getString("company_account_number"), k -> new ArrayList<>()).add(new Inputs.ManualItem(
                    rs.getLong("id"), rs.getString("full_name"), rs.getString("billing_type"), rs.getBigDecimal("custom_cost"), rs.getString("notes")));
        });
        Map<String, List<Inputs.LineItem>> items = new HashMap<>();
        jdbc.sql("SELECT * FROM custom_line_items" + where + " ORDER BY id").params(p).query(rs -> {
            items.computeIfAbsent(rs.getString("company_account_number"), k -> new ArrayList<>()).add(lineItem(rs));
        });
        Map<String, Map<String, String>> features = new HashMap<>();
        jdbc.sql("SELECT company_account_number, feature_type, value FROM client_feature_overrides" + where
                + (acct == null ? " WHERE" : " AND") + " override_enabled AND value IS NOT NULL AND value <> ''").params(p).query(rs -> {
                    features.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        java.util.Set<String> accounts = new java.util.HashSet<>();
        accounts.addAll(clients.keySet());
        accounts.addAll(manualAssets.keySet());
        accounts.addAll(manualUsers.keySet());
        accounts.addAll(items.keySet());
        accounts.addAll(features.keySet());
        if (acct != null) {
            accounts.add(acct);
        }
        Map<String, Inputs.Adjustments> out = new HashMap<>();
        for (String a : accounts) {
            out.put(a, new Inputs.Adjustments(clients.getOrDefault(a, Inputs.ClientOverride.NONE), assetOv, userOv,
                    manualAssets.getOrDefault(a, List.of()), manualUsers.getOrDefault(a, List.of()), items.getOrDefault(a, List.of()),
                    features.getOrDefault(a, Map.of())));
        }
        // companies without a row of their own still get the global per-asset / per-user overrides
        out.put("*", new Inputs.Adjustments(Inputs.ClientOverride.NONE, assetOv, userOv, List.of(), List.of(), List.of(), Map.of()));
        return out;
    }

    /** For a company that has no adjustments row of its own, from a map made by {@link #all()}. */
    public static Inputs.Adjustments of(Map<String, Inputs.Adjustments> all, String acct) {
        Inputs.Adjustments a = all.get(acct);
        return a != null ? a : all.getOrDefault("*", Inputs.Adjustments.NONE);
    }

    static Inputs.ClientOverride clientOverride(ResultSet rs) throws SQLException {
        Map<Rate, BigDecimal> rates = new EnumMap<>(Rate.class);
        String plan = null;
        String support = null;
        BigDecimal pm = null;
        BigDecimal py = null;
        for (ClientOverrideFields.Field f : ClientOverrideFields.ALL.values()) {
            if (!rs.getBoolean(f.flag())) {
                continue;
            }
            if (f.rate() != null) {
                BigDecimal v = rs.getBigDecimal(f.key());
                if (v != null) {
                    rates.put(f.rate(), v);
                }
            } else if (f.key().equals("billing_plan")) {
                plan = rs.getString(f.key());
            } else if (f.key().equals("support_level")) {
                support = rs.getString(f.key());
            } else if (f.key().equals("prepaid_hours_monthly")) {
                pm = rs.getBigDecimal(f.key());
            } else {
                py = rs.getBigDecimal(f.key());
            }
        }
        return new Inputs.ClientOverride(plan, support, rates, pm, py);
    }

    static Inputs.LineItem lineItem(ResultSet rs) throws SQLException {
        return new Inputs.LineItem(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getBigDecimal("monthly_fee"),
                rs.getBigDecimal("one_off_fee"), (Integer) rs.getObject("one_off_year"), (Integer) rs.getObject("one_off_month"),
                rs.getBigDecimal("yearly_fee"), (Integer) rs.getObject("yearly_bill_month"));
    }
}
