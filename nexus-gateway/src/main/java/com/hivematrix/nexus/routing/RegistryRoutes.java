package com.hivematrix.nexus.routing;

import java.net.ConnectException;
import java.net.URI;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.http.HttpMethod;

import com.hivematrix.nexus.config.NexusProperties;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * One route per registry entry: {@code /<service>/**} to the service's URL with the prefix
 * stripped; Keycloak's public path goes to Keycloak unchanged (it serves under the same relative path).
 * Nexus itself is not a route. A replicated entry routes to {@code lb://<service>}: the load
 * balancer spreads requests round-robin over its healthy instances ({@link RegistryInstances}), and a
 * GET or HEAD refused at connect time (a replica that just died) is retried on the next instance.
 */
public final class RegistryRoutes {

    public static final String NEXUS = "nexus";
    public static final String KEYCLOAK = "keycloak";

    private RegistryRoutes() {
    }

    public static RouteLocator build(RouteLocatorBuilder builder, ServiceRegistry registry, NexusProperties props) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (ServiceInfo service : registry.all()) {
            String name = service.name();
            if (NEXUS.equals(name)) {
                continue;
            }
            if (KEYCLOAK.equals(name)) {
                String path = props.getKeycloak().getPublicPath();
                URI backend = URI.create(props.getKeycloak().getBackendUrl());
                String origin = backend.getScheme() + "://" + backend.getRawAuthority();
                routes.route(name, r -> r.path(path, path + "/**").uri(origin));
                continue;
            }
            if (service.replicated()) {
                routes.route(name, r -> r.path("/" + name, "/" + name + "/**")
                        .filters(f -> f.stripPrefix(1).retry(retry -> retry.setRetries(service.instances().size() - 1)
                                .setMethods(HttpMethod.GET, HttpMethod.HEAD).setSeries().setStatuses()
                                .setExceptions(ConnectException.class)))
                        .uri("lb://" + name));
                continue;
            }
            routes.route(name, r -> r.path("/" + name, "/" + name + "/**")
                    .filters(f -> f.stripPrefix(1))
                    .uri(service.url()));
        }
        return routes.build();
    }
}
