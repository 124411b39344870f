package com.hivematrix.codex.psa;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.hivematrix.codex.sync.SyncJobService.Progress;

/**
 * Account-number creation (spec §7): every PSA company without an account number gets a random
 * six-digit number (100000–999999) used by no Codex company and no PSA company, written back to
 * the PSA; then the companies are synced, so the newly numbered ones appear in Codex in the same
 * run (the original waited for the next sync). Existing numbers are compared as text, so
 * non-numeric ones no longer break the run (the original parsed them with {@code int()}).
 */
@Service
public class AccountNumberCreation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PsaSyncService sync;

    public AccountNumberCreation(JdbcClient jdbc, PsaSyncService sync) {
        this.jdbc = jdbc;
        this.sync = sync;
    }

    public void run(PsaProvider provider, Progress p) {
        p.phase("Fetching companies from " + provider.displayName(), null);
        List<PsaRecords.Company> companies = provider.companies();
        Set<String> used = new HashSet<>(jdbc.sql("SELECT account_number FROM companies").query(String.class).list());
        companies.forEach(c -> {
            String a = c.customFields().get("account_number");
            if (a != null && !a.isBlank()) {
                used.add(a.trim());
            }
        });
        List<PsaRecords.Company> missing = companies.stream()
                .filter(c -> c.customFields().get("account_number") == null || c.customFields().get("account_number").isBlank()).toList();
        p.phase("Creating account numbers", missing.size());
        int created = 0;
        for (PsaRecords.Company c : missing) {
            String number = next(used);
            try {
                provider.writeAccountNumber(c.externalId(), number);
                used.add(number);
                created++;
                p.line(c.name() + " → " + number);
            } catch (PsaException.Authentication e) {
                throw e;
            } catch (RuntimeException e) {
                p.error(c.name() + " (" + c.externalId() + "): account number not written (" + e.getMessage() + ")");
            }
            p.advance(1);
        }
        p.line("Account numbers: " + created + " created, " + (missing.size() - created) + " failed, "
                + (companies.size() - missing.size()) + " companies already numbered");
        if (created > 0) {
            sync.companies(provider, p);
        }
    }

    static String next(Set<String> used) {
        for (int i = 0; i < 10_000; i++) {
            String n = String.valueOf(100_000 + RANDOM.nextInt(900_000));
            if (!used.contains(n)) {
                return n;
            }
        }
        throw new IllegalStateException("No free six-digit account number found");
    }
}
