package com.hivematrix.knowledgetree.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.knowledgetree.node.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Upload under both spellings (the original's server route and the one its editor called, B7),
 * download by file id or by the original's {@code /uploads/<stored name>}. Downloads carry the
 * original name, {@code nosniff} and a sandboxing CSP; images are inline so articles show them.
 */
@RestController
@Tag(name = "Attachments")
public class AttachmentController {

    private final AttachmentService attachments;
    private final AttachmentStore store;

    public AttachmentController(AttachmentService attachments, AttachmentStore store) {
        this.attachments = attachments;
        this.store = store;
    }

    @PostMapping({"/api/upload/{nodeId}", "/api/node/{nodeId}/upload"})
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Attach a file (multipart field 'file') to a node")
    public Map<String, Object> upload(@PathVariable String nodeId, @RequestParam(name = "file", required = false) MultipartFile file,
            Authentication auth) {
        return attachments.upload(nodeId, file, Actor.of(auth));
    }

    /** The trailing name is decoration: the editor tells images from other files by the URL's extension. */
    @GetMapping({"/api/file/{fileId}", "/api/file/{fileId}/{name}"})
    @PreAuthorize(Access.READ)
    @Operation(summary = "Download an attachment by file id (optionally followed by any file name)")
    public ResponseEntity<Resource> byId(@PathVariable String fileId) {
        return send(attachments.find(fileId, null));
    }

    @GetMapping("/uploads/{filename}")
    @PreAuthorize(Access.READ)
    @Operation(summary = "Download an attachment by stored name (the original's URL)")
    public ResponseEntity<Resource> byStoredName(@PathVariable String filename) {
        return send(attachments.find(null, filename));
    }

    @DeleteMapping("/api/file/{fileId}")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Remove an attachment (node must not be read-only)")
    public Map<String, Object> delete(@PathVariable String fileId) {
        attachments.delete(fileId);
        return Map.of("success", true);
    }

    private ResponseEntity<Resource> send(AttachmentService.Download d) {
        ContentDisposition disposition = (TypePolicy.isImage(d.mimeType()) || "application/pdf".equals(d.mimeType())
                ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(d.originalName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.mimeType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .body(new FileSystemResource(store.path(d.storedName())));
    }
}
