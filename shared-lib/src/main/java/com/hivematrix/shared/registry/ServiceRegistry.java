package com.hivematrix.shared.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's services as listed in deploy/services.json, in file (sidebar) order. The single
 * source of truth for names, URLs and visibility. An entry may list {@code "instances": [url, ...]}
 * (replicas of one service; the first is its {@code url}, which may then be left out).
 */
public final class ServiceRegistry {

    private final Map<String, ServiceInfo> services;

    public ServiceRegistry(Map<String, ServiceInfo> services) {
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public static ServiceRegistry load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read service registry " + file.toAbsolutePath(), e);
        }
    }

    public static ServiceRegistry parse(String json) {
        ObjectMapper mapper = JsonMapper.builder().build();
        JsonNode root = mapper.readTree(json);
        Map<String, ServiceInfo> services = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode n = entry.getValue();
            List<String> instances = new ArrayList<>();
            n.path("instances").values().forEach(i -> instances.add(stripTrailingSlash(i.asString(""))));
            String url = n.has("url") || instances.isEmpty() ? stripTrailingSlash(n.path("url").asString("")) : instances.get(0);
            if (!instances.isEmpty() && !instances.get(0).equals(url)) {
                throw new IllegalArgumentException("Service registry entry " + entry.getKey()
                        + ": the first of its instances must be its url " + url);
            }
            services.put(entry.getKey(), new ServiceInfo(
                    entry.getKey(),
                    url,
                    n.path("port").asInt(0),
                    n.path("visible").asBoolean(false),
                    n.path("admin_only").asBoolean(false),
                    n.path("billing_or_admin_only").asBoolean(false),
                    n.path("type").asString(""),
                    n.path("module").asString(entry.getKey()),
                    n.path("health").asString("/health"),
                    n.path("start_order").asInt(100),
                    n.path("health_port").asInt(0),
                    n.path("relative_path").asString(""),
                    instances));
        }
        return new ServiceRegistry(services);
    }

    public boolean contains(String name) {
        return services.containsKey(name);
    }

    public Optional<ServiceInfo> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public ServiceInfo require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown service: " + name));
    }

    public Collection<ServiceInfo> all() {
        return services.values();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
