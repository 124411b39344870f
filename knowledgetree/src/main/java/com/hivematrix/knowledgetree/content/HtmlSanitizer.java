package com.hivematrix.knowledgetree.content;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * The original's bleach allow-list (spec B6) as a jsoup Safelist, minus {@code style}
 * attributes: bleach let any CSS through (B14 §9), and no CSS sanitiser is worth the risk for
 * the little formatting it carried. Links may only be http(s)/mailto or relative (attachments).
 */
@Component
public class HtmlSanitizer {

    private static final String BASE = "https://knowledgetree.invalid/";

    private final Safelist safelist = new Safelist()
            .addTags("p", "br", "strong", "em", "u", "s", "del", "i", "b", "code", "pre", "kbd", "mark", "sub", "sup",
                    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
                    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "hr", "span", "div",
                    "label", "input")
            .addAttributes("a", "href", "title", "target", "rel")
            .addAttributes("img", "src", "alt", "title", "width", "height")
            .addAttributes("code", "class")
            .addAttributes("pre", "class", "data-language")
            .addAttributes("span", "class")
            .addAttributes("div", "class")
            .addAttributes("th", "align", "colspan", "rowspan", "scope")
            .addAttributes("td", "align", "colspan", "rowspan")
            .addAttributes("table", "class")
            .addAttributes("figure", "class")
            .addAttributes("li", "class")
            .addAttributes("label", "class")
            .addAttributes("input", "type", "checked", "disabled")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(true);

    public String clean(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        // the placeholder base only lets jsoup check the protocol of relative links; they stay relative
        return Jsoup.clean(html, BASE, safelist, out);
    }
}
