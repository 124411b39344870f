package com.hivematrix.knowledgetree.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.hivematrix.knowledgetree.KnowledgeTreeProperties;
import com.hivematrix.shared.config.HivematrixProperties;

/**
 * Attachment bytes on disk under {@code knowledgetree.uploads.dir} (relative to HIVEMATRIX_HOME),
 * one file per {@code File} node, named {@code <uuid>.<ext>} as in the original. Stored names are
 * validated before any path is built, so no request can reach outside the directory.
 */
@Component
public class AttachmentStore {

    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-fA-F-]{36}(\\.[a-z0-9]{1,10})?");

    private final Path dir;

    public AttachmentStore(KnowledgeTreeProperties props, HivematrixProperties platform) {
        Path configured = props.getUploads().getDir();
        this.dir = configured.isAbsolute() ? configured : platform.getHome().resolve(configured).toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public void save(String storedName, InputStream in) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".part");
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, path(storedName), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public Path path(String storedName) {
        if (storedName == null || !STORED_NAME.matcher(storedName).matches()) {
            throw new IllegalArgumentException("Not a stored attachment name");
        }
        return dir.resolve(storedName);
    }

    public static boolean isStoredName(String name) {
        return name != null && STORED_NAME.matcher(name).matches();
    }

    /** Best effort after a committed delete: a file left behind is logged, never un-deletes the node. */
    public void deleteAll(Collection<String> storedNames) {
        for (String name : storedNames) {
            try {
                if (isStoredName(name)) {
                    Files.deleteIfExists(path(name));
                }
            } catch (IOException | UncheckedIOException e) {
                log.warn("Could not delete attachment {}: {}", name, e.getMessage());
            }
        }
    }

    public static Map<String, Object> fileJson(Value f) {
        Map<String, Object> m = new LinkedHashMap<>();
        String id = f.get("id").asString();
        m.put("id", id);
        m.put("filename", f.get("filename").asString(null));
        m.put("original_filename", f.get("original_filename").asString(f.get("filename").asString(null)));
        m.put("size", f.get("size").isNull() ? null : f.get("size").asLong());
        m.put("mime_type", f.get("mime_type").asString(null));
        m.put("uploaded_by", f.get("uploaded_by").asString(null));
        m.put("uploaded_at", f.get("uploaded_at").asString(null));
        // relative to the service root; pages prefix it with their base (/knowledgetree behind Nexus)
        m.put("url", "/api/file/" + id);
        return m;
    }
}
