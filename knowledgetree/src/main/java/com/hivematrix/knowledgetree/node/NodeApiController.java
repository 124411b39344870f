package com.hivematrix.knowledgetree.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The original's node routes (B2) with their paths and JSON shapes. */
@RestController
@Tag(name = "Nodes")
public class NodeApiController {

    private final NodeService nodes;

    public NodeApiController(NodeService nodes) {
        this.nodes = nodes;
    }

    @PostMapping("/api/node")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Create a folder or article: {parent_id, name, is_folder, is_attached}; 409 {error, existing_id} for a duplicate")
    public Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body, Authentication auth) {
        Map<String, Object> b = body == null ? Map.of() : body;
        if (!(b.get("parent_id") instanceof String parent) || parent.isBlank()) {
            throw ProblemException.badRequest("parent_id is required").with("field", "parent_id").with("error", "parent_id and name are required");
        }
        String name = Names.require(b.get("name"));
        String id = nodes.create(parent, name, bool(b, "is_folder"), bool(b, "is_attached"), Actor.of(auth));
        return Map.of("success", true, "id", id);
    }

    @GetMapping("/api/node/{id}")
    @PreAuthorize(Access.READ)
    @Operation(summary = "A node with raw and sanitised rendered content and its files")
    public Map<String, Object> get(@PathVariable String id) {
        return nodes.get(id);
    }

    @PutMapping("/api/node/{id}")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Update {content_html} (sanitised, html) or {content} (markdown), optionally {name}")
    public Map<String, Object> update(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body, Authentication auth) {
        Map<String, Object> b = body == null ? Map.of() : body;
        String name = b.containsKey("name") ? Names.require(b.get("name")) : null;
        String html = text(b, "content_html");
        String content = html == null ? text(b, "content") : null;
        if (name == null && html == null && content == null) {
            throw ProblemException.badRequest("Nothing to update: send content_html, content or name").with("field", "content");
        }
        nodes.update(id, name, content, html, Actor.of(auth));
        return Map.of("success", true);
    }

    @DeleteMapping("/api/node/{id}")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Delete a node, its subtree and their attachments")
    public Map<String, Object> delete(@PathVariable String id) {
        nodes.delete(id);
        return Map.of("success", true);
    }

    @GetMapping("/api/node/{id}/children")
    @PreAuthorize(Access.READ)
    @Operation(summary = "Children, folders first, then by name")
    public List<Map<String, Object>> children(@PathVariable String id) {
        return nodes.children(id);
    }

    @GetMapping("/api/node/{id}/browse")
    @PreAuthorize(Access.READ)
    @Operation(summary = "A folder with children, breadcrumb and url_path")
    public Map<String, Object> browse(@PathVariable String id) {
        return nodes.browse(id);
    }

    @PostMapping("/api/node/{id}/move")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Move under {new_parent_id}; refuses root, cycles and duplicate names")
    public Map<String, Object> move(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body, Authentication auth) {
        Object parent = body == null ? null : body.get("new_parent_id");
        if (!(parent instanceof String p) || p.isBlank()) {
            throw ProblemException.badRequest("new_parent_id is required").with("field", "new_parent_id").with("error", "new_parent_id is required");
        }
        nodes.move(id, p, Actor.of(auth));
        return Map.of("success", true);
    }

    @GetMapping("/api/folders/tree")
    @PreAuthorize(Access.READ)
    @Operation(summary = "All folders as a nested tree, sorted by name")
    public Map<String, Object> tree() {
        return nodes.folderTree();
    }

    @GetMapping("/api/browse")
    @PreAuthorize(Access.READ)
    @Operation(summary = "Browse by name path (/A/B): sub-folders as categories, articles with summaries")
    public Map<String, Object> browsePath(@RequestParam(defaultValue = "/") String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        List<String> parts = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/+"));
        String id = nodes.resolvePath(parts);
        String shown = trimmed.isEmpty() ? "/" : "/" + trimmed;
        if (id == null) {
            throw ProblemException.notFound("Path not found").with("error", "Path not found").with("path", shown);
        }
        List<Map<String, Object>> categories = new java.util.ArrayList<>();
        List<Map<String, Object>> articles = new java.util.ArrayList<>();
        for (Map<String, Object> child : nodes.childrenWithContent(id)) {
            String name = (String) child.get("name");
            if (Boolean.TRUE.equals(child.get("is_folder"))) {
                categories.add(Map.of("name", name, "path", trimmed.isEmpty() ? "/" + name : "/" + trimmed + "/" + name));
            } else {
                String content = (String) child.get("content");
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", child.get("id"));
                a.put("title", name);
                a.put("summary", content.length() > 200 ? content.substring(0, 200) + "..." : content);
                articles.add(a);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", shown);
        out.put("current_node", Map.of("id", id));
        out.put("categories", categories);
        out.put("articles", articles);
        return out;
    }

    private static boolean bool(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean x) {
            return x;
        }
        throw ProblemException.badRequest(key + " must be true or false").with("field", key);
    }

    private static String text(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw ProblemException.badRequest(key + " must be a string").with("field", key);
    }
}
