package com.hivematrix.knowledgetree.search;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The original's {@code /api/search}: a bare array (its callers read that), now ranked and paged.
 * Accepts {@code query} (UI, claude_tools) and {@code q} (Brainhair); the total is in
 * {@code X-Total-Count}, exact up to 1,000 whole-tree hits; beyond that it says 1000 and
 * {@code X-Total-Count-Capped: true} (counting every hit was most of a search's time).
 */
@RestController
@Tag(name = "Search")
public class SearchApiController {

    static final int DEFAULT_LIMIT = 15;
    static final int MAX_LIMIT = 100;

    private final SearchService search;

    public SearchApiController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    @PreAuthorize(Access.READ)
    @Operation(summary = "Full-text search over names and content, ranked; query|q, start_node_id, limit, offset|page")
    public ResponseEntity<List<Map<String, Object>>> search(
            @RequestParam(required = false) String query, @RequestParam(required = false) String q,
            @RequestParam(name = "start_node_id", defaultValue = "root") String start,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer page) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT).with("field", "limit");
        }
        if ((offset != null && offset < 0) || (page != null && page < 1)) {
            throw ProblemException.badRequest("offset must be >= 0 and page >= 1").with("field", offset != null ? "offset" : "page");
        }
        int skip = offset != null ? offset : page != null ? (page - 1) * limit : 0;
        String text = query != null && !query.isBlank() ? query : q;
        SearchService.Page result = search.search(text, start, limit, skip);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("X-Total-Count", Long.toString(result.total()));
        if (result.capped()) {
            ok.header("X-Total-Count-Capped", "true");
        }
        return ok.body(result.results());
    }
}
