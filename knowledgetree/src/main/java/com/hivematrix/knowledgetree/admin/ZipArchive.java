package com.hivematrix.knowledgetree.admin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import com.hivematrix.knowledgetree.KnowledgeTreeProperties;
import com.hivematrix.knowledgetree.attachment.AttachmentService;
import com.hivematrix.knowledgetree.attachment.AttachmentStore;
import com.hivematrix.knowledgetree.attachment.TypePolicy;
import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export with attachments: a ZIP holding {@code knowledgetree_export.json} (exactly the JSON
 * export, so the original's importer can still read it), {@code attachments.json} (per file: the
 * article's path, file id, original name, type, size, SHA-256) and the bytes as
 * {@code files/<file id>}. Import checks the whole archive first (every listed entry present,
 * size, checksum, type by content sniffing — an archive is untrusted input like an upload), then
 * stores the bytes under new random names and writes the tree and the File nodes in one
 * transaction; if that fails the stored bytes are removed again. File ids are kept, so inline
 * images ({@code api/file/<id>}) in the articles keep working; re-importing the same archive adds
 * no duplicates. Zip entry names are only ever looked up, never turned into paths.
 */
@Service
public class ZipArchive {

    static final String TREE = "knowledgetree_export.json";
    static final String ATTACHMENTS = "attachments.json";
    private static final Pattern FILE_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final long MAX_JSON_BYTES = 200L * 1024 * 1024;

    private record Attachment(String path, String id, String originalName, String sha256, ZipEntry entry) {
    }

    private record Staged(Attachment attachment, String storedName, String mime, long size) {
    }

    private final Graph graph;
    private final ImportExportService io;
    private final AttachmentStore store;
    private final TypePolicy types;
    private final long maxBytes;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ZipArchive(Graph graph, ImportExportService io, AttachmentStore store, TypePolicy types, KnowledgeTreeProperties props) {
        this.graph = graph;
        this.io = io;
        this.store = store;
        this.types = types;
        this.maxBytes = props.getUploads().getMaxSize().toBytes();
    }

    public void export(OutputStream out) throws IOException {
        List<Map<String, Object>> tree = io.export();
        List<Map<String, Object>> files = graph.read(tx -> tx.run("""
                MATCH p = (:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(n:ContextItem)
                MATCH (n)-[:HAS_FILE]->(f:File)
                WITH p, f
                WHERE ALL(x IN nodes(p)[1..] WHERE x.read_only IS NULL OR x.read_only = false)
                RETURN [x IN nodes(p)[1..] | x.name] AS names, f.id AS id, f.filename AS filename,
                       coalesce(f.original_filename, f.filename) AS original, f.mime_type AS mime
                ORDER BY id
                """).list(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", String.join("/", r.get("names").asList(v -> v.asString(""))));
            m.put("id", r.get("id").asString());
            m.put("stored", r.get("filename").asString(null));
            m.put("original_filename", r.get("original").asString(null));
            m.put("mime_type", r.get("mime").asString(null));
            return m;
        }));
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(TREE));
        zip.write(json.writeValueAsBytes(tree));
        zip.closeEntry();
        List<Map<String, Object>> manifest = new ArrayList<>();
        for (Map<String, Object> f : files) {
            String stored = (String) f.remove("stored");
            if (!AttachmentStore.isStoredName(stored) || !Files.isRegularFile(store.path(stored))) {
                continue;
            }
            zip.putNextEntry(new ZipEntry("files/" + f.get("id")));
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(store.path(stored)), sha)) {
                f.put("size", in.transferTo(zip));
            }
            zip.closeEntry();
            f.put("sha256", HexFormat.of().formatHex(sha.digest()));
            manifest.add(f);
        }
        zip.putNextEntry(new ZipEntry(ATTACHMENTS));
        zip.write(json.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
    }

    public Map<String, Object> importArchive(MultipartFile upload, boolean dryRun, String actor) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("knowledgetree-import-", ".zip");
            upload.transferTo(tmp);
            try (ZipFile zip = new ZipFile(tmp.toFile())) {
                return importArchive(zip, dryRun, actor);
            }
        } catch (java.util.zip.ZipException e) {
            throw ImportExportService.invalid(List.of("The file is not a readable ZIP archive"));
        } catch (IOException e) {
            throw ProblemException.badRequest("The upload could not be read").with("field", "file");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left in the system temp directory; nothing refers to it
                }
            }
        }
    }

    private Map<String, Object> importArchive(ZipFile zip, boolean dryRun, String actor) throws IOException {
        ZipEntry treeEntry = zip.getEntry(TREE);
        if (treeEntry == null) {
            throw ImportExportService.invalid(List.of("The archive has no " + TREE));
        }
        List<ImportExportService.Entry> entries = io.parse(readText(zip, treeEntry));
        List<Attachment> attachments = attachments(zip, entries);
        List<Staged> staged = new ArrayList<>();
        try {
            List<String> errors = new ArrayList<>();
            for (Attachment a : attachments) {
                Staged s = dryRun ? check(zip, a, errors) : stage(zip, a, errors);
                if (s != null) {
                    staged.add(s);
                }
            }
            if (!errors.isEmpty()) {
                throw ImportExportService.invalid(errors);
            }
            // stored names that got a File node; cleared first because the driver may retry the transaction
            Set<String> kept = new HashSet<>();
            ImportExportService.Result result = io.importEntries(entries, dryRun, actor, (tx, ids) -> {
                kept.clear();
                attach(tx, staged, ids, actor, kept);
            });
            Map<String, Object> out = result.toJson();
            out.put("files", kept.size());
            out.put("message", out.get("message") + (dryRun ? ", would attach " : ", attached ") + kept.size() + " files");
            if (!dryRun) {
                // files the knowledge base already had (a re-imported archive): their new copies are not needed
                store.deleteAll(staged.stream().map(Staged::storedName).filter(n -> !kept.contains(n)).toList());
            }
            return out;
        } catch (RuntimeException e) {
            if (!dryRun) {
                store.deleteAll(staged.stream().map(Staged::storedName).toList());
            }
            throw e;
        }
    }

    private void attach(TransactionContext tx, List<Staged> staged, Map<String, String> ids, String actor, Set<String> kept) {
        for (Staged s : staged) {
            String nodeId = ids.get(s.attachment().path());
            String id = s.attachment().id();
            var existing = tx.run("MATCH (n:ContextItem)-[:HAS_FILE]->(f:File {id: $id}) RETURN n.id AS node", Map.of("id", id));
            if (existing.hasNext()) {
                if (existing.next().get("node").asString().equals(nodeId)) {
                    continue;
                }
                // the id belongs to another node's file here: a fresh id, and the article's inline links follow it
                String fresh = UUID.randomUUID().toString();
                tx.run("""
                        MATCH (n:ContextItem {id: $node})
                        SET n.content = replace(n.content, 'api/file/' + $old, 'api/file/' + $fresh)
                        """, Map.of("node", nodeId, "old", id, "fresh", fresh)).consume();
                id = fresh;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node", nodeId);
            p.put("id", id);
            // a dry run stores nothing; its transaction is rolled back anyway
            String stored = s.storedName() == null ? "dry-run-" + id : s.storedName();
            p.put("filename", stored);
            p.put("original", s.attachment().originalName());
            p.put("size", s.size());
            p.put("mime", s.mime());
            p.put("actor", actor);
            p.put("now", java.time.Instant.now().toString());
            long created = tx.run("""
                    MATCH (n:ContextItem {id: $node}) WHERE NOT coalesce(n.read_only, false)
                    CREATE (n)-[:HAS_FILE]->(f:File {id: $id, filename: $filename, original_filename: $original,
                            size: $size, mime_type: $mime, uploaded_by: $actor, uploaded_at: $now})
                    RETURN count(f) AS c
                    """, p).single().get("c").asLong();
            if (created > 0) {
                kept.add(stored);
            }
        }
    }

    private List<Attachment> attachments(ZipFile zip, List<ImportExportService.Entry> entries) throws IOException {
        ZipEntry manifest = zip.getEntry(ATTACHMENTS);
        if (manifest == null) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(readText(zip, manifest));
        } catch (RuntimeException e) {
            throw ImportExportService.invalid(List.of(ATTACHMENTS + " is not valid JSON"));
        }
        if (root == null || !root.isArray()) {
            throw ImportExportService.invalid(List.of(ATTACHMENTS + " must be a JSON array"));
        }
        Set<String> articlePaths = new HashSet<>();
        entries.forEach(e -> articlePaths.add(e.path()));
        List<String> errors = new ArrayList<>();
        List<Attachment> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (JsonNode a : root) {
            String where = ATTACHMENTS + " entry " + i++;
            String path = a.path("path").asString("");
            String id = a.path("id").asString("");
            if (!articlePaths.contains(path)) {
                errors.add(where + ": path '" + path + "' is not in " + TREE);
            } else if (!FILE_ID.matcher(id).matches() || !seen.add(id)) {
                errors.add(where + ": id must be a unique UUID");
            } else if (zip.getEntry("files/" + id) == null) {
                errors.add(where + ": files/" + id + " is missing from the archive");
            } else {
                out.add(new Attachment(path, id, AttachmentService.originalName(a.path("original_filename").asString("")),
                        a.path("sha256").asString(""), zip.getEntry("files/" + id)));
            }
        }
        if (!errors.isEmpty()) {
            throw ImportExportService.invalid(errors);
        }
        return out;
    }

    /** Dry run: checks the entry (size, checksum, type) without storing anything. */
    private Staged check(ZipFile zip, Attachment a, List<String> errors) throws IOException {
        MessageDigest sha = sha256();
        long size;
        String mime;
        try (InputStream in = new BufferedInputStream(new DigestInputStream(limited(zip, a), sha))) {
            in.mark(64 * 1024);
            mime = types.detect(in, a.originalName());
            in.reset();
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return verified(a, null, mime, size, sha, errors);
    }

    /** Import: the same checks while the bytes go to the store under a new random name. */
    private Staged stage(ZipFile zip, Attachment a, List<String> errors) throws IOException {
        String mime;
        try (InputStream in = new BufferedInputStream(limited(zip, a))) {
            mime = types.detect(in, a.originalName());
        }
        if (mime == null) {
            errors.add(a.path() + " / " + a.originalName() + ": this file type is not allowed");
            return null;
        }
        String storedName = UUID.randomUUID() + "." + types.extensionFor(mime);
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(limited(zip, a), sha)) {
            store.save(storedName, in);
        }
        long size = Files.size(store.path(storedName));
        Staged s = verified(a, storedName, mime, size, sha, errors);
        if (s == null) {
            store.deleteAll(List.of(storedName));
        }
        return s;
    }

    private Staged verified(Attachment a, String storedName, String mime, long size, MessageDigest sha, List<String> errors) {
        String label = a.path() + " / " + a.originalName();
        if (mime == null) {
            errors.add(label + ": this file type is not allowed");
        } else if (size > maxBytes) {
            errors.add(label + ": larger than " + (maxBytes / (1024 * 1024)) + " MB");
        } else if (!a.sha256().isEmpty() && !a.sha256().equalsIgnoreCase(HexFormat.of().formatHex(sha.digest()))) {
            errors.add(label + ": checksum does not match attachments.json");
        } else {
            return new Staged(a, storedName, mime, size);
        }
        return null;
    }

    /** The entry's bytes, cut off one byte past the size limit (a compressed entry may claim any size). */
    private InputStream limited(ZipFile zip, Attachment a) throws IOException {
        return new BufferedInputStream(zip.getInputStream(a.entry())) {
            private long left = maxBytes + 1;

            @Override
            public synchronized int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public synchronized int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private String readText(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_JSON_BYTES + 1));
            if (bytes.length > MAX_JSON_BYTES) {
                throw ImportExportService.invalid(List.of(entry.getName() + " is larger than " + (MAX_JSON_BYTES / (1024 * 1024)) + " MB"));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
