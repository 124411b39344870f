package com.hivematrix.knowledgetree.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.knowledgetree.node.Actor;
import com.hivematrix.knowledgetree.sync.SyncJobs;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The original's /admin JSON routes: export, import (with a dry run), wipe, sync status. */
@RestController
@Tag(name = "Admin")
public class AdminController {

    private final ImportExportService io;
    private final ZipArchive zip;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final SyncJobs jobs;

    public AdminController(ImportExportService io, ZipArchive zip, SyncJobs jobs) {
        this.io = io;
        this.zip = zip;
        this.jobs = jobs;
    }

    @GetMapping("/admin/export")
    @PreAuthorize("hasAnyRole('ADMIN','SERVICE')")
    @Operation(summary = "Download knowledgetree_export.json (the original's format plus content_format)")
    public ResponseEntity<byte[]> export() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("knowledgetree_export.json").build().toString())
                .body(json.writeValueAsBytes(io.export()));
    }

    @GetMapping("/admin/export.zip")
    @PreAuthorize("hasAnyRole('ADMIN','SERVICE')")
    @Operation(summary = "Download knowledgetree_export.zip: the JSON export plus every attachment (attachments.json, files/<id>)")
    public ResponseEntity<StreamingResponseBody> exportZip() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("knowledgetree_export.zip").build().toString())
                .body(zip::export);
    }

    @GetMapping("/admin/export/template")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "A small example of the import format")
    public ResponseEntity<byte[]> template() {
        List<Map<String, Object>> example = List.of(
                Map.of("path", "Procedures", "content", "", "is_folder", true, "is_attached", false),
                Map.of("path", "Procedures/Onboarding", "content", "# Onboarding\n\n- [ ] Create account", "is_folder", false, "is_attached", false));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("knowledgetree_import_template.json").build().toString())
                .body(json.writeValueAsBytes(example));
    }

    @PostMapping("/admin/import")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Import an export (multipart 'file': the JSON export, or the ZIP with attachments); dry_run=true previews without writing")
    public Map<String, Object> importFile(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun, Authentication auth) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.badRequest("No file part").with("field", "file").with("error", "No file part");
        }
        if (isZip(file)) {
            return zip.importArchive(file, dryRun, Actor.of(auth));
        }
        String body;
        try {
            body = new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ProblemException.badRequest("The upload could not be read").with("field", "file");
        }
        return io.importJson(body, dryRun, Actor.of(auth)).toJson();
    }

    /** By the bytes (a ZIP local file header), not by the name or the declared type. */
    private static boolean isZip(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            throw ProblemException.badRequest("The upload could not be read").with("field", "file");
        }
    }

    @PostMapping("/admin/wipe")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Delete every KnowledgeTree node and attachment, then recreate the root")
    public Map<String, Object> wipe() {
        return io.wipe();
    }

    @GetMapping("/admin/sync/status")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Counts: synced company items, tickets, folders, articles, files, revisions")
    public Map<String, Object> status() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(io.status());
        SyncJobs.Job job = jobs.current();
        m.put("job", job == null ? null : job.toJson());
        return m;
    }
}
