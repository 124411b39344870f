package com.hivematrix.knowledgetree.content;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The editor's preview: markdown rendered and sanitised exactly as a saved article would be. */
@RestController
@Tag(name = "Content")
public class RenderApiController {

    private static final int MAX_CHARS = 2_000_000;

    private final MarkdownRenderer markdown;

    public RenderApiController(MarkdownRenderer markdown) {
        this.markdown = markdown;
    }

    @PostMapping("/api/render")
    @PreAuthorize(Access.WRITE)
    @Operation(summary = "Render {content} (markdown) to sanitised HTML")
    public Map<String, Object> render(@RequestBody(required = false) Map<String, Object> body) {
        Object content = body == null ? null : body.get("content");
        if (!(content instanceof String s) || s.length() > MAX_CHARS) {
            throw ProblemException.badRequest("content must be a string of at most " + MAX_CHARS + " characters").with("field", "content");
        }
        return Map.of("content_html", markdown.toHtml(s));
    }
}
