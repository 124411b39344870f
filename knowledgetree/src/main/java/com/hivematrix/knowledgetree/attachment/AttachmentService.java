package com.hivematrix.knowledgetree.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import com.hivematrix.knowledgetree.KnowledgeTreeProperties;
import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.knowledgetree.node.NodeService;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Uploads (B7 fixed): size limit, type by content sniffing, random stored name, a File node with
 * the original name, size, detected type and uploader. Bytes are written before the
 * node is committed and removed again if the commit fails, so neither side is left orphaned.
 */
@Service
public class AttachmentService {

    public record Stored(Map<String, Object> file, String storedName) {
    }

    public record Download(String storedName, String originalName, String mimeType) {
    }

    private final Graph graph;
    private final AttachmentStore store;
    private final TypePolicy types;
    private final long maxBytes;

    public AttachmentService(Graph graph, AttachmentStore store, TypePolicy types, KnowledgeTreeProperties props) {
        this.graph = graph;
        this.store = store;
        this.types = types;
        this.maxBytes = props.getUploads().getMaxSize().toBytes();
    }

    public Map<String, Object> upload(String nodeId, MultipartFile file, String actor) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.badRequest("No file part").with("field", "file").with("error", "No file part");
        }
        if (file.getSize() > maxBytes) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than " + (maxBytes / (1024 * 1024)) + " MB")
                    .with("field", "file");
        }
        String original = originalName(file.getOriginalFilename());
        String mime;
        try (InputStream in = new BufferedInputStream(file.getInputStream())) {
            mime = types.detect(in, original);
        } catch (IOException e) {
            throw ProblemException.badRequest("The upload could not be read").with("field", "file");
        }
        if (mime == null) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "This file type is not allowed (allowed: text, markdown, CSV, JSON, XML, PDF, PNG, JPEG, GIF, WebP, Word, Excel)")
                    .with("field", "file");
        }
        String fileId = UUID.randomUUID().toString();
        String storedName = UUID.randomUUID() + "." + types.extensionFor(mime);
        try (InputStream in = file.getInputStream()) {
            store.save(storedName, in);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.INSUFFICIENT_STORAGE, "The file could not be stored");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("node", nodeId);
        p.put("id", fileId);
        p.put("filename", storedName);
        p.put("original", original);
        p.put("size", file.getSize());
        p.put("mime", mime);
        p.put("actor", actor);
        p.put("now", Instant.now().toString());
        boolean committed = false;
        try {
            graph.write(tx -> {
                NodeService.requireWritable(tx, nodeId);
                tx.run("""
                        MATCH (n:ContextItem {id: $node})
                        CREATE (n)-[:HAS_FILE]->(:File {id: $id, filename: $filename, original_filename: $original,
                                size: $size, mime_type: $mime, uploaded_by: $actor, uploaded_at: $now})
                        """, p).consume();
                return null;
            });
            committed = true;
        } finally {
            if (!committed) {
                store.deleteAll(List.of(storedName));
            }
        }
        Map<String, Object> out = new HashMap<>();
        out.put("success", true);
        out.put("filename", original);
        out.put("file_id", fileId);
        out.put("stored_filename", storedName);
        out.put("mime_type", mime);
        out.put("size", file.getSize());
        out.put("url", "/api/file/" + fileId);
        return out;
    }

    /** Looks a file up by id or by stored name; 404 if unknown or its bytes are gone. */
    public Download find(String fileId, String storedName) {
        Record r = graph.read(tx -> {
            var result = tx.run(fileId != null
                    ? "MATCH (:ContextItem)-[:HAS_FILE]->(f:File {id: $key}) RETURN f LIMIT 1"
                    : "MATCH (:ContextItem)-[:HAS_FILE]->(f:File {filename: $key}) RETURN f LIMIT 1",
                    Map.of("key", fileId != null ? fileId : storedName));
            return result.hasNext() ? result.next() : null;
        });
        if (r == null) {
            throw ProblemException.notFound("File not found");
        }
        Value f = r.get("f");
        String name = f.get("filename").asString();
        if (!AttachmentStore.isStoredName(name) || !java.nio.file.Files.isRegularFile(store.path(name))) {
            throw ProblemException.notFound("File not found");
        }
        return new Download(name, f.get("original_filename").asString(name), f.get("mime_type").asString("application/octet-stream"));
    }

    public void delete(String fileId) {
        String stored = graph.write(tx -> {
            var result = tx.run("MATCH (n:ContextItem)-[:HAS_FILE]->(f:File {id: $id}) RETURN n.id AS node, f.filename AS filename", Map.of("id", fileId));
            if (!result.hasNext()) {
                throw ProblemException.notFound("File not found");
            }
            Record r = result.next();
            NodeService.requireWritable(tx, r.get("node").asString());
            tx.run("MATCH (f:File {id: $id}) DETACH DELETE f", Map.of("id", fileId)).consume();
            return r.get("filename").asString(null);
        });
        store.deleteAll(stored == null ? List.of() : List.of(stored));
    }

    /** The client's name reduced to a safe display name: no directories, no control characters. */
    public static String originalName(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "file" : name;
    }
}
