package com.hivematrix.knowledgetree.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.shared.client.ServiceClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Codex → KnowledgeTree (B9, with D2's fixes): the original's folder layout under /Companies,
 * read-only, keyed by Codex ids, incremental (a company whose data hash is unchanged is skipped),
 * synced nodes that disappeared from Codex pruned, user-authored nodes never overwritten (see
 * {@link SyncedTree}). Codex is called with KnowledgeTree's own service token (scoped to codex).
 * One transaction per company, so a failure leaves earlier companies synced and the next run
 * picks up the rest.
 *
 * <pre>
 * /Companies
 *   /&lt;Company&gt;                  (company:&lt;acct&gt;)
 *     Overview.md
 *     /Users/&lt;Contact&gt;/Contact.md
 *     /Assets/&lt;hostname&gt;.md
 *     /Tickets/Ticket_&lt;number&gt;.md  (attached folder; the ticket sync)
 * </pre>
 */
@Service
public class CodexSync {

    static final String COMPANIES_KEY = "companies";
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = new ParameterizedTypeReference<>() { };

    /** What one run did. */
    public record Outcome(int companies, int changed, int unchanged, long pruned, int removedFromCodex, List<String> conflicts) {
    }

    private final Graph graph;
    private final ServiceClient codex;
    private final JsonMapper json = JsonMapper.builder().build();

    public CodexSync(Graph graph, ServiceClient codex) {
        this.graph = graph;
        this.codex = codex;
    }

    /** Companies, contacts and assets. {@code progress} gets the number of companies done. */
    public Outcome companies(IntConsumer total, IntConsumer progress) {
        return run(false, total, progress);
    }

    /** Tickets per company into its attached Tickets folder (the original's sync_tickets.py). */
    public Outcome tickets(IntConsumer total, IntConsumer progress) {
        return run(true, total, progress);
    }

    private Outcome run(boolean tickets, IntConsumer total, IntConsumer progress) {
        List<Map<String, Object>> companies = codex.get("codex", "/api/companies", ROWS);
        total.accept(companies.size());
        String companiesId = graph.write(tx -> new SyncedTree(tx).folder("root", COMPANIES_KEY, "Companies", false, false).id());
        List<String> conflicts = new ArrayList<>();
        if (companiesId == null) {
            conflicts.add("/Companies: a node named Companies that is not a folder blocks the sync");
            return new Outcome(companies.size(), 0, 0, 0, 0, conflicts);
        }
        int changed = 0;
        int unchanged = 0;
        long pruned = 0;
        Set<String> keys = new HashSet<>();
        int done = 0;
        for (Map<String, Object> company : companies) {
            String acct = String.valueOf(company.get("account_number"));
            keys.add("company:" + acct);
            String path = "/Companies/" + SyncedTree.nodeName(String.valueOf(company.get("name")));
            List<Map<String, Object>> contacts = tickets ? List.of() : codex.get("codex", "/api/companies/" + acct + "/contacts", ROWS);
            List<Map<String, Object>> assets = tickets ? List.of() : codex.get("codex", "/api/companies/" + acct + "/assets", ROWS);
            List<Map<String, Object>> ticketRows = tickets ? codex.get("codex", "/api/companies/" + acct + "/tickets", ROWS) : List.of();
            String hash = sha256(json.writeValueAsString(tickets ? List.of(company.get("name"), ticketRows) : List.of(company, contacts, assets)));
            long[] result = graph.write(tx -> {
                SyncedTree tree = new SyncedTree(tx);
                SyncedTree.Upsert folder = tree.folder(companiesId, "company:" + acct, String.valueOf(company.get("name")), false, true);
                if (folder.id() == null) {
                    return null;
                }
                return tickets ? syncTickets(tree, folder.id(), acct, ticketRows, hash, path, conflicts)
                        : syncCompany(tree, folder.id(), company, contacts, assets, hash, path, conflicts);
            });
            if (result == null) {
                conflicts.add(path + ": a folder of that name was made by a person; not overwritten");
            } else if (result[0] < 0) {
                unchanged++;
            } else {
                changed++;
                pruned += result[0];
            }
            progress.accept(++done);
        }
        int removed = tickets ? 0 : graph.write(tx -> (int) tx.run("""
                MATCH (:ContextItem {id: $companies})-[:PARENT_OF]->(c:ContextItem)
                WHERE c.codex_key STARTS WITH 'company:' AND NOT c.codex_key IN $keys
                SET c.codex_removed = true
                RETURN count(c) AS n
                """, Map.of("companies", companiesId, "keys", List.copyOf(keys))).single().get("n").asLong());
        return new Outcome(companies.size(), changed, unchanged, pruned, removed, conflicts);
    }

    /** {pruned} after a change, {-1} when the company's data hash is unchanged. */
    private static long[] syncCompany(SyncedTree tree, String folderId, Map<String, Object> company, List<Map<String, Object>> contacts,
            List<Map<String, Object>> assets, String hash, String path, List<String> conflicts) {
        if (hash.equals(tree.hash(folderId))) {
            return new long[] {-1};
        }
        String acct = String.valueOf(company.get("account_number"));
        long pruned = 0;
        List<String> top = new ArrayList<>(List.of("overview:" + acct, "users:" + acct, "assets:" + acct, "tickets:" + acct));
        note(tree.article(folderId, "overview:" + acct, "Overview.md", Templates.company(company)), path + "/Overview.md", conflicts);

        String users = tree.folder(folderId, "users:" + acct, "Users", false, true).id();
        if (note(users, path + "/Users", conflicts)) {
            List<String> keep = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Map<String, Object> c : contacts) {
                String key = "contact:" + c.get("id");
                keep.add(key);
                String name = unique(names, SyncedTree.nodeName(String.valueOf(c.get("name"))), c.get("id"));
                String contact = tree.folder(users, key, name, false, true).id();
                if (note(contact, path + "/Users/" + name, conflicts)) {
                    tree.article(contact, key + ":card", "Contact.md", Templates.contact(c));
                }
            }
            pruned += tree.prune(users, keep);
        }
        String assetsId = tree.folder(folderId, "assets:" + acct, "Assets", false, true).id();
        if (note(assetsId, path + "/Assets", conflicts)) {
            List<String> keep = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Map<String, Object> a : assets) {
                String key = "asset:" + a.get("id");
                keep.add(key);
                String name = unique(names, SyncedTree.nodeName(a.get("hostname") + ".md"), a.get("id"));
                note(tree.article(assetsId, key, name, Templates.asset(a)).id(), path + "/Assets/" + name, conflicts);
            }
            pruned += tree.prune(assetsId, keep);
        }
        note(tree.folder(folderId, "tickets:" + acct, "Tickets", true, true).id(), path + "/Tickets", conflicts);
        pruned += tree.prune(folderId, top);
        tree.setHash(folderId, hash);
        return new long[] {pruned};
    }

    private static long[] syncTickets(SyncedTree tree, String folderId, String acct, List<Map<String, Object>> tickets, String hash,
            String path, List<String> conflicts) {
        SyncedTree.Upsert folder = tree.folder(folderId, "tickets:" + acct, "Tickets", true, true);
        if (!note(folder.id(), path + "/Tickets", conflicts)) {
            return new long[] {0};
        }
        if (hash.equals(tree.hash(folder.id()))) {
            return new long[] {-1};
        }
        List<String> keep = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> t : tickets) {
            String key = "ticket:" + t.get("ticket_id");
            keep.add(key);
            Object number = t.get("ticket_number") != null ? t.get("ticket_number") : t.get("ticket_id");
            String name = unique(names, SyncedTree.nodeName("Ticket_" + number + ".md"), t.get("ticket_id"));
            // ids as the original's status count expects them (ticket_<id>)
            note(tree.article(folder.id(), key, name, Templates.ticket(t), "ticket_" + t.get("ticket_id")), path + "/Tickets/" + name, conflicts);
        }
        long pruned = tree.prune(folder.id(), keep);
        tree.setHash(folder.id(), hash);
        return new long[] {pruned};
    }

    private static boolean note(SyncedTree.Upsert upsert, String path, List<String> conflicts) {
        return note(upsert.id(), path, conflicts);
    }

    private static boolean note(String id, String path, List<String> conflicts) {
        if (id == null) {
            conflicts.add(path + ": a node of that name was made by a person; not overwritten");
            return false;
        }
        return true;
    }

    /** Two Codex entities with one name (two "John Smith"s) get the Codex id appended to the second. */
    private static String unique(Set<String> taken, String name, Object id) {
        String out = taken.contains(name) ? SyncedTree.nodeName(name + " (" + id + ")") : name;
        taken.add(out);
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
