package com.hivematrix.knowledgetree.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

import com.hivematrix.knowledgetree.KnowledgeTreeProperties;

/**
 * Decides from the bytes (Apache Tika's magic detection; the name only breaks ties between
 * text types and between the Office formats, which share a ZIP/OLE container) whether an upload
 * is one of the allowed types, and which extension its stored name gets.
 */
@Component
public class TypePolicy {

    /** The original's extension allow-list (B7) as MIME types, plus WebP for pasted screenshots. */
    static final Map<String, String> DEFAULT_TYPES = Map.ofEntries(
            Map.entry("text/plain", "txt"),
            Map.entry("text/markdown", "md"),
            Map.entry("text/x-web-markdown", "md"),
            Map.entry("text/csv", "csv"),
            Map.entry("application/json", "json"),
            Map.entry("application/xml", "xml"),
            Map.entry("text/xml", "xml"),
            Map.entry("application/pdf", "pdf"),
            Map.entry("image/png", "png"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"));

    /** Tika core reports Office containers generically; the name's extension then says which. */
    private static final Set<String> CONTAINERS = Set.of("application/x-tika-ooxml", "application/x-tika-msoffice", "application/zip");
    private static final Map<String, String> CONTAINER_EXT = Map.of(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "doc", "application/msword",
            "xls", "application/vnd.ms-excel");
    private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final Tika tika = new Tika();
    private final Set<String> allowed;

    public TypePolicy(KnowledgeTreeProperties props) {
        this.allowed = props.getUploads().getAllowedTypes().isEmpty()
                ? DEFAULT_TYPES.keySet() : Set.copyOf(props.getUploads().getAllowedTypes());
    }

    /** The detected MIME type if allowed, else null. The stream must support mark/reset. */
    public String detect(InputStream in, String originalName) throws IOException {
        String detected = tika.detect(in, originalName);
        String ext = extension(originalName);
        if (CONTAINERS.contains(detected)) {
            detected = CONTAINER_EXT.getOrDefault(ext, detected);
        }
        // plain-text subtypes are told apart by name only; the bytes were already found to be text
        if ("text/plain".equals(detected) && "md".equals(ext)) {
            detected = "text/markdown";
        }
        return allowed.contains(detected) ? detected : null;
    }

    public String extensionFor(String mime) {
        return DEFAULT_TYPES.getOrDefault(mime, "bin");
    }

    public static boolean isImage(String mime) {
        return IMAGES.contains(mime);
    }

    static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
