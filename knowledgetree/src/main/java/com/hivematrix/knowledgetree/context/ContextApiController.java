package com.hivematrix.knowledgetree.context;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Context export under the original's routes and the spellings its editor called (B7). */
@RestController
@Tag(name = "Context export")
public class ContextApiController {

    private final ContextService context;

    public ContextApiController(ContextService context) {
        this.context = context;
    }

    @GetMapping({"/api/context/tree/{id}", "/api/node/{id}/context-tree"})
    @PreAuthorize(Access.READ)
    @Operation(summary = "Attached folders that feed the context of a node")
    public Map<String, Object> tree(@PathVariable String id) {
        return Map.of("attached_folders", context.attachedFolders(id));
    }

    @GetMapping({"/api/context/{id}", "/api/node/{id}/context"})
    @PreAuthorize(Access.READ)
    @Operation(summary = "The context markdown of a node")
    public Map<String, Object> get(@PathVariable String id) {
        return Map.of("context", context.export(id, List.of()));
    }

    @PostMapping({"/api/context/{id}", "/api/node/{id}/context"})
    @PreAuthorize(Access.READ)
    @Operation(summary = "The context markdown of a node, leaving out {excluded_ids} attached folders")
    public Map<String, Object> post(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        Object raw = body == null ? null : body.get("excluded_ids");
        List<String> excluded;
        if (raw == null) {
            excluded = List.of();
        } else if (raw instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
            excluded = l.stream().map(String.class::cast).toList();
        } else {
            throw ProblemException.badRequest("excluded_ids must be a list of ids").with("field", "excluded_ids");
        }
        return Map.of("context", context.export(id, excluded));
    }
}
