package com.hivematrix.codex.rmm;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.hivematrix.codex.sync.SyncJobService.Progress;

/**
 * Pushes Codex account numbers to RMM sites (spec §6.4): a site belongs to the company with the
 * longest name contained in the site name (case-insensitive; no customer-specific special cases).
 * A site already carrying another Codex company's account number is reported and left alone —
 * someone linked it on purpose — while a missing or unknown number is set. A failed write is
 * counted as a failure (the original counted it as a success).
 */
@Service
public class AccountNumberPush {

    private final JdbcClient jdbc;

    public AccountNumberPush(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void push(RmmProvider provider, Progress p) {
        List<Map.Entry<String, String>> companies = jdbc.sql("SELECT name, account_number FROM companies WHERE name <> ''")
                .query((rs, i) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2))).list();
        Set<String> accounts = new HashSet<>();
        companies.forEach(c -> accounts.add(c.getValue()));
        p.phase("Fetching sites from " + provider.displayName(), null);
        List<RmmRecords.Site> sites = provider.sites();
        p.phase("Pushing account numbers", sites.size());
        int set = 0;
        int unchanged = 0;
        int unmapped = 0;
        int conflicts = 0;
        for (RmmRecords.Site site : sites) {
            p.advance(1);
            Optional<String> acct = match(site.name(), companies);
            if (acct.isEmpty()) {
                unmapped++;
                continue;
            }
            try {
                String current = provider.siteVariable(site.uid(), RmmProvider.ACCOUNT_NUMBER).map(String::trim).orElse("");
                if (current.equals(acct.get())) {
                    unchanged++;
                } else if (accounts.contains(current)) {
                    conflicts++;
                    p.line("Site " + site.name() + " keeps account number " + current + " (name matches " + acct.get() + ")");
                } else {
                    provider.setSiteVariable(site.uid(), RmmProvider.ACCOUNT_NUMBER, acct.get());
                    set++;
                    p.line("Site " + site.name() + " → " + acct.get());
                }
            } catch (RmmException.Authentication e) {
                throw e;
            } catch (RuntimeException e) {
                p.error("Site " + site.name() + ": account number not set (" + e.getMessage() + ")");
            }
        }
        p.line("Account numbers: " + set + " set, " + unchanged + " already right, " + conflicts + " linked to another company, "
                + unmapped + " sites without a matching company, " + p.errors() + " failed");
    }

    /** The account number of the company with the longest name contained in {@code siteName}. */
    static Optional<String> match(String siteName, List<Map.Entry<String, String>> companies) {
        if (siteName == null) {
            return Optional.empty();
        }
        String s = siteName.toLowerCase(Locale.ROOT);
        return companies.stream().filter(c -> s.contains(c.getKey()))
                .max(Comparator.comparingInt((Map.Entry<String, String> c) -> c.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
