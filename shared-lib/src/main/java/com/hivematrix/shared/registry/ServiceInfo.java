package com.hivematrix.shared.registry;

import java.util.List;

/**
 * One entry of deploy/services.json.
 *
 * @param billingOrAdminOnly the sidebar shows it only to admins and billing users
 * @param healthPort a separate management port for health (Keycloak's 9000), or 0
 * @param relativePath the path the process serves under (Keycloak's /keycloak), or ""
 * @param instances every replica's base URL, first one equal to {@code url}; an entry without an
 *        {@code instances} list is one instance at {@code url}
 */
public record ServiceInfo(
        String name,
        String url,
        int port,
        boolean visible,
        boolean adminOnly,
        boolean billingOrAdminOnly,
        String type,
        String module,
        String healthPath,
        int startOrder,
        int healthPort,
        String relativePath,
        List<String> instances) {

    public ServiceInfo {
        instances = instances == null || instances.isEmpty() ? List.of(url) : List.copyOf(instances);
    }

    /** A single-instance entry (the registry's original shape). */
    public ServiceInfo(String name, String url, int port, boolean visible, boolean adminOnly, boolean billingOrAdminOnly,
            String type, String module, String healthPath, int startOrder, int healthPort, String relativePath) {
        this(name, url, port, visible, adminOnly, billingOrAdminOnly, type, module, healthPath, startOrder, healthPort,
                relativePath, List.of(url));
    }

    /** More than one replica: Nexus balances across them, Helm runs each. */
    public boolean replicated() {
        return instances.size() > 1;
    }

    /** Where this process answers its health check. */
    public String healthUrl() {
        if (healthPort > 0) {
            return "http://127.0.0.1:" + healthPort + relativePath + healthPath;
        }
        return url + healthPath;
    }
}
