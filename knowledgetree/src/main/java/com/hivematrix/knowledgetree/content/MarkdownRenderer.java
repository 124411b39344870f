package com.hivematrix.knowledgetree.content;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Markdown as the original rendered it (fenced code, tables, {@code ~~strike~~}, nl2br: a single
 * newline is a line break) plus task lists, then through the sanitiser: raw HTML inside markdown
 * is kept only as far as the allow-list permits.
 */
@Component
public class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), StrikethroughExtension.create(), TaskListItemsExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).softbreak("<br>\n").build();
    private final HtmlSanitizer sanitizer;

    public MarkdownRenderer(HtmlSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    public String toHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return sanitizer.clean(renderer.render(parser.parse(markdown)));
    }

    /** What an article shows: sanitised HTML for either stored format (absent format = markdown). */
    public String render(String content, String format) {
        return "html".equals(format) ? sanitizer.clean(content) : toHtml(content);
    }
}
