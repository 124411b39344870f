package com.hivematrix.knowledgetree.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.TransactionContext;

/**
 * Writes synced nodes without ever touching user-authored ones. A synced node carries
 * {@code codex_key} (the Codex entity it mirrors: {@code company:<acct>}, {@code contact:<id>}, …)
 * and {@code read_only = true}, and is found again by that key, so a rename in Codex renames the
 * node instead of creating a second one. A node left by the original's sync (read-only, same
 * name, no key) is adopted. A user-authored sibling with the same name is never overwritten:
 * the entity is skipped and reported as a conflict. New nodes get the original's deterministic id
 * {@code <parentId>_<Name with spaces and slashes as _>} when it is free.
 */
final class SyncedTree {

    static final String ACTOR = "codex-sync";

    /** The outcome of one upsert: the node id (null for a conflict) and whether anything changed. */
    record Upsert(String id, boolean changed) {
    }

    private final TransactionContext tx;
    private final String now = Instant.now().toString();

    SyncedTree(TransactionContext tx) {
        this.tx = tx;
    }

    Upsert folder(String parentId, String key, String name, boolean attached, boolean readOnly) {
        return upsert(parentId, key, name, true, attached, "", readOnly, null);
    }

    Upsert article(String parentId, String key, String name, String markdown) {
        return upsert(parentId, key, name, false, false, markdown, true, null);
    }

    Upsert article(String parentId, String key, String name, String markdown, String preferredId) {
        return upsert(parentId, key, name, false, false, markdown, true, preferredId);
    }

    private Upsert upsert(String parentId, String key, String rawName, boolean folder, boolean attached, String content, boolean readOnly,
            String preferredId) {
        String name = nodeName(rawName);
        Map<String, Object> p = new HashMap<>();
        p.put("parent", parentId);
        p.put("key", key);
        p.put("name", name);
        p.put("folder", folder);
        p.put("attached", attached);
        p.put("content", content);
        p.put("readOnly", readOnly);
        p.put("now", now);
        p.put("actor", ACTOR);
        var byKey = tx.run("""
                MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(n:ContextItem {codex_key: $key})
                RETURN n.id AS id, n.name AS name, coalesce(n.content, '') AS content, coalesce(n.is_attached, false) AS attached LIMIT 1
                """, p);
        String id;
        if (byKey.hasNext()) {
            var r = byKey.next();
            id = r.get("id").asString();
            if (r.get("name").asString().equals(name) && r.get("content").asString().equals(content) && r.get("attached").asBoolean() == attached) {
                return new Upsert(id, false);
            }
            if (!r.get("name").asString().equals(name) && nameTaken(parentId, name, id)) {
                return new Upsert(null, false);
            }
        } else {
            var byName = tx.run("""
                    MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(n:ContextItem {name: $name})
                    RETURN n.id AS id, coalesce(n.read_only, false) AS ro, n.codex_key AS key LIMIT 1
                    """, p);
            if (byName.hasNext()) {
                var r = byName.next();
                // the original's synced node (read-only, no key) is ours to adopt; anything else is a person's
                if (!r.get("ro").asBoolean() && !"companies".equals(key) || !r.get("key").isNull()) {
                    return new Upsert(null, false);
                }
                id = r.get("id").asString();
            } else {
                id = freeId(preferredId != null ? preferredId : parentId + "_" + name.replace(' ', '_').replace('/', '_'));
                p.put("id", id);
                tx.run("""
                        MATCH (parent:ContextItem {id: $parent})
                        CREATE (parent)-[:PARENT_OF]->(:ContextItem {id: $id, name: $name, is_folder: $folder, is_attached: $attached,
                                content: $content, content_format: 'markdown', read_only: $readOnly, codex_key: $key,
                                created_at: $now, updated_at: $now, created_by: $actor, updated_by: $actor, version: 1})
                        """, p).consume();
                return new Upsert(id, true);
            }
        }
        p.put("id", id);
        tx.run("""
                MATCH (n:ContextItem {id: $id})
                SET n.name = $name, n.is_folder = $folder, n.is_attached = $attached, n.content = $content, n.content_format = 'markdown',
                    n.read_only = $readOnly, n.codex_key = $key, n.updated_at = $now, n.updated_by = $actor,
                    n.version = coalesce(n.version, 1) + 1
                """, p).consume();
        return new Upsert(id, true);
    }

    /** Deletes the synced children of {@code parentId} (and their subtrees) whose key is not in {@code keep}; returns how many. */
    long prune(String parentId, Collection<String> keep) {
        return tx.run("""
                MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(n:ContextItem)
                WHERE n.codex_key IS NOT NULL AND n.read_only = true AND NOT n.codex_key IN $keep
                OPTIONAL MATCH (n)-[:PARENT_OF*0..]->(d:ContextItem)
                WITH collect(DISTINCT n) AS gone, collect(DISTINCT d) AS subtree
                FOREACH (x IN subtree | DETACH DELETE x)
                RETURN size(gone) AS c
                """, Map.of("parent", parentId, "keep", keep)).single().get("c").asLong();
    }

    String hash(String id) {
        var r = tx.run("MATCH (n:ContextItem {id: $id}) RETURN n.sync_hash AS h", Map.of("id", id));
        return r.hasNext() ? r.next().get("h").asString(null) : null;
    }

    void setHash(String id, String hash) {
        tx.run("MATCH (n:ContextItem {id: $id}) SET n.sync_hash = $hash, n.synced_at = $now, n.codex_removed = false",
                Map.of("id", id, "hash", hash, "now", now)).consume();
    }

    private boolean nameTaken(String parentId, String name, String exceptId) {
        return tx.run("""
                MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(n:ContextItem {name: $name}) WHERE n.id <> $id RETURN n LIMIT 1
                """, Map.of("parent", parentId, "name", name, "id", exceptId)).hasNext();
    }

    private String freeId(String wanted) {
        boolean taken = tx.run("MATCH (n:ContextItem {id: $id}) RETURN n LIMIT 1", Map.of("id", wanted)).hasNext();
        return taken ? UUID.randomUUID().toString() : wanted;
    }

    /** A Codex value as a node name: one line, no '/', not blank, at most 200 characters. */
    static String nodeName(String raw) {
        String name = raw == null ? "" : raw.replaceAll("[\\p{Cntrl}]", " ").replace('/', '-').strip();
        if (name.length() > 200) {
            name = name.substring(0, 200).strip();
        }
        return name.isEmpty() ? "(unnamed)" : name;
    }
}
