package com.hivematrix.ledger.override;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.web.Access;

/** Line-item CSV template, export and import (dry run by default) for API callers; the page uses the same service. */
@RestController
@PreAuthorize(Access.BILLING)
public class ImportExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final LineItemImport imports;

    public ImportExportController(LineItemImport imports) {
        this.imports = imports;
    }

    @GetMapping("/import/line-items/template")
    public ResponseEntity<byte[]> template() {
        return csv(imports.template(), "line_items_template.csv");
    }

    @GetMapping("/export/line-items")
    public ResponseEntity<byte[]> export() {
        return csv(imports.export(), "line_items.csv");
    }

    @PostMapping(path = "/api/import/line-items", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<Map<String, Object>> importCsv(@RequestBody(required = false) String body,
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun, Authentication auth) {
        LineItemImport.Result r = imports.run(body, dryRun, auth);
        return ResponseEntity.status(r.valid() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(r.toJson());
    }

    static ResponseEntity<byte[]> csv(String body, String name) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(CSV).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
