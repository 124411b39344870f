package com.hivematrix.nexus.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lucide icons (from the lucide-static WebJar, never a CDN) as inline SVG, so they take the text colour
 * ({@code currentColor}) and need no extra request.
 */
public final class Icons {

    private static final String BASE = "META-INF/resources/webjars/lucide-static/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final String VERSION = detectVersion();

    /** The sidebar icon of each known service; anything else gets "package". */
    static final Map<String, String> SERVICE_ICONS = Map.ofEntries(
            Map.entry("helm", "ship-wheel"), Map.entry("codex", "building-2"), Map.entry("knowledgetree", "folder-tree"),
            Map.entry("ledger", "receipt"), Map.entry("beacon", "radio-tower"), Map.entry("brainhair", "brain"),
            Map.entry("core", "cpu"), Map.entry("nexus", "waypoints"), Map.entry("archive", "archive"),
            Map.entry("template", "layout-dashboard"), Map.entry("treasury", "wallet"), Map.entry("resolve", "life-buoy"),
            Map.entry("architect", "drafting-compass"));

    private Icons() {
    }

    public static String forService(String service) {
        return svg(SERVICE_ICONS.getOrDefault(service, "package"));
    }

    /** The icon as an inline SVG element with class {@code icon}, hidden from screen readers; "" if unknown. */
    public static String svg(String name) {
        return CACHE.computeIfAbsent(name, Icons::load);
    }

    private static String load(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            return "";
        }
        try (InputStream in = Icons.class.getClassLoader().getResourceAsStream(BASE + VERSION + "/icons/" + name + ".svg")) {
            if (in == null) {
                return name.equals("package") ? "" : svg("package");
            }
            String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = svg.indexOf("<svg");
            svg = svg.substring(Math.max(0, start)).strip();
            svg = svg.replaceAll("\\s+", " ").replace(" >", ">").replace("> <", "><").replace(" />", "/>");
            svg = svg.replaceFirst(" class=\"[^\"]*\"", "");
            return svg.replaceFirst("<svg", "<svg class=\"icon icon--" + name + "\" aria-hidden=\"true\" focusable=\"false\"");
        } catch (IOException e) {
            return "";
        }
    }

    private static String detectVersion() {
        try (InputStream in = Icons.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/lucide-static/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version");
            }
        } catch (IOException e) {
            // fall through
        }
        return "0.468.0";
    }

    public static String webjarVersion() {
        return VERSION;
    }
}
