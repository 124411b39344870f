package com.hivematrix.knowledgetree.node;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Version history")
public class RevisionApiController {

    private final RevisionService revisions;

    public RevisionApiController(RevisionService revisions) {
        this.revisions = revisions;
    }

    @GetMapping("/api/node/{id}/versions")
    @PreAuthorize(Access.READ)
    @Operation(summary = "The current version and all previous ones, newest first")
    public List<Map<String, Object>> list(@PathVariable String id) {
        return revisions.list(id);
    }

    @GetMapping("/api/node/{id}/versions/{revisionId}")
    @PreAuthorize(Access.READ)
    @Operation(summary = "One previous version with its content")
    public Map<String, Object> get(@PathVariable String id, @PathVariable String revisionId) {
        return revisions.get(id, revisionId);
    }

    @PostMapping("/api/node/{id}/versions/{revisionId}/restore")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Make a previous version's content current (the replaced content becomes a version)")
    public Map<String, Object> restore(@PathVariable String id, @PathVariable String revisionId, Authentication auth) {
        revisions.restore(id, revisionId, Actor.of(auth));
        return Map.of("success", true);
    }
}
