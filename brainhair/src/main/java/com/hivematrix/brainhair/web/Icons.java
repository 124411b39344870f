package com.hivematrix.brainhair.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Lucide icons from the lucide-static WebJar as inline SVG (currentColor, so they follow the light and
 * dark themes), like Nexus's side panel. Emoji avatars rendered as empty boxes where no emoji font is
 * installed (headless Chromium on a server), icons do not.
 */
@Component("icons")
public class Icons {

    private static final String BASE = "META-INF/resources/webjars/lucide-static/";

    private final String version = webjarVersion();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** The icon with class {@code icon icon--<name>}, hidden from screen readers. */
    public String svg(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Not an icon name: " + name);
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private String load(String name) {
        try (InputStream in = Icons.class.getClassLoader().getResourceAsStream(BASE + version + "/icons/" + name + ".svg")) {
            if (in == null) {
                throw new IllegalArgumentException("No Lucide icon " + name + " in lucide-static " + version);
            }
            String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            svg = svg.substring(Math.max(0, svg.indexOf("<svg"))).strip()
                    .replaceAll("\\s+", " ").replace(" >", ">").replace("> <", "><").replace(" />", "/>")
                    .replaceFirst(" class=\"[^\"]*\"", "");
            return svg.replaceFirst("<svg", "<svg class=\"icon icon--" + name + "\" aria-hidden=\"true\" focusable=\"false\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion() {
        try (InputStream in = Icons.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/lucide-static/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("lucide-static WebJar missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
