package com.hivematrix.knowledgetree.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.hivematrix.knowledgetree.admin.ImportExportService;
import com.hivematrix.knowledgetree.graph.GraphSchema;
import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.knowledgetree.node.Names;
import com.hivematrix.knowledgetree.node.NodeService;

/**
 * The explorer (one page; explorer.js drives it through the JSON API) with the original's deep
 * links: {@code /browse/<names>?article=<id>} and {@code /view/<id>}; and the admin page.
 */
@Controller
@KnowledgeTreePage
public class ExplorerPageController {

    private final NodeService nodes;
    private final ImportExportService io;

    public ExplorerPageController(NodeService nodes, ImportExportService io) {
        this.nodes = nodes;
        this.io = io;
    }

    @GetMapping("/")
    @PreAuthorize(Access.READ)
    public String home() {
        return "redirect:/browse/";
    }

    @GetMapping({"/browse", "/browse/", "/browse/**"})
    @PreAuthorize(Access.READ)
    public String browse(HttpServletRequest request, @RequestParam(required = false) String article, Model model) {
        String uri = request.getRequestURI();
        int at = uri.indexOf("/browse");
        String rest = at < 0 ? "" : uri.substring(at + "/browse".length());
        List<String> names = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                names.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        String folderId = nodes.resolvePath(names);
        // the original fell back to root silently for an unresolvable path; so does this
        model.addAttribute("folderId", folderId == null ? GraphSchema.ROOT_ID : folderId);
        model.addAttribute("articleId", article);
        model.addAttribute("title", "KnowledgeTree - Knowledge Base");
        return "explorer/index";
    }

    @GetMapping("/view/{id}")
    @PreAuthorize(Access.READ)
    public String view(@PathVariable String id) {
        List<String> names = nodes.pathNames(id);
        if (names == null) {
            throw NodeService.notFound(id);
        }
        List<String> parents = names.subList(0, Math.max(0, names.size() - 1));
        String path = String.join("/", parents.stream().map(Names::quote).toList());
        return "redirect:/browse/" + path + "?article=" + Names.quote(id);
    }

    @GetMapping("/admin/settings")
    @PreAuthorize(Access.ADMIN)
    public String admin(Model model) {
        model.addAttribute("status", io.status());
        model.addAttribute("title", "KnowledgeTree - Admin");
        return "admin/settings";
    }
}
