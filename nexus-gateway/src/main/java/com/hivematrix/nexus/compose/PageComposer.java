package com.hivematrix.nexus.compose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composes a service's HTML page into the platform: theme attributes on {@code <html>}, the platform
 * stylesheets and scripts (with {@code ?v=<version>}) at the start of {@code <head>} so the page's own
 * styles still win, and the body wrapped as
 * {@code div.hivematrix-layout > [side panel] + div.hivematrix-content > original body}.
 * Fragments (no {@code <html>} or no {@code <body>}, e.g. htmx partials) come back unchanged.
 */
public final class PageComposer {

    private static final Pattern HTML_TAG = Pattern.compile("<html(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD_TAG = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_TAG = Pattern.compile("<body(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern THEME_ATTRS = Pattern.compile("\\s(data-theme|data-color-theme)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]*)",
            Pattern.CASE_INSENSITIVE);
    static final String LAYOUT_MARKER = "class=\"hivematrix-layout\"";

    private PageComposer() {
    }

    public static String headAssets(String version, String csrfToken) {
        String v = "?v=" + version;
        // the token is base64url: nothing in it needs escaping inside an attribute
        String meta = csrfToken == null ? "" : "<meta name=\"csrf-token\" content=\"" + csrfToken + "\">";
        return meta + "<link rel=\"stylesheet\" href=\"/static/css/global.css" + v + "\">"
                + "<link rel=\"stylesheet\" href=\"/static/css/side-panel.css" + v + "\">"
                + "<script src=\"/static/js/nexus-boot.js" + v + "\"></script>"
                + "<script src=\"/static/js/side-panel.js" + v + "\" defer></script>";
    }

    public static String compose(String html, Theme theme, String panel, String version) {
        return compose(html, theme, panel, version, null);
    }

    /** As {@link #compose(String, Theme, String, String)}, giving the page the session's CSRF token. */
    public static String compose(String html, Theme theme, String panel, String version, String csrfToken) {
        Matcher htmlTag = HTML_TAG.matcher(html);
        Matcher bodyTag = BODY_TAG.matcher(html);
        if (!htmlTag.find() || !bodyTag.find(htmlTag.end()) || html.contains(LAYOUT_MARKER)) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + panel.length() + 1024);
        String attrs = htmlTag.group(1) == null ? "" : THEME_ATTRS.matcher(htmlTag.group(1)).replaceAll("");
        out.append(html, 0, htmlTag.start())
                .append("<html").append(attrs)
                .append(" data-theme=\"").append(theme.mode()).append("\" data-color-theme=\"").append(theme.color()).append("\">");
        int cursor = htmlTag.end();
        Matcher headTag = HEAD_TAG.matcher(html);
        if (headTag.find(cursor) && headTag.end() <= bodyTag.start()) {
            out.append(html, cursor, headTag.end()).append(headAssets(version, csrfToken));
            cursor = headTag.end();
        } else {
            out.append("<head>").append(headAssets(version, csrfToken)).append("</head>");
        }
        out.append(html, cursor, bodyTag.end())
                .append("<div class=\"hivematrix-layout\">").append(panel).append("<div class=\"hivematrix-content\">");
        int end = lastBodyEnd(html, bodyTag.end());
        if (end < 0) {
            out.append(html, bodyTag.end(), html.length()).append("</div></div>");
        } else {
            out.append(html, bodyTag.end(), end).append("</div></div>").append(html, end, html.length());
        }
        return out.toString();
    }

    private static int lastBodyEnd(String html, int from) {
        Matcher m = BODY_END.matcher(html);
        int last = -1;
        while (m.find(from)) {
            last = m.start();
            from = m.end();
        }
        return last;
    }
}
