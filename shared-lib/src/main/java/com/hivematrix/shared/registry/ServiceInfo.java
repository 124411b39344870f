package com.hivematrix.shared.registry;

/**
 * One entry of deploy/services.json.
 *
 * @param billingOrAdminOnly the sidebar shows it only to admins and billing users
 * @param healthPort a separate management port for health (Keycloak's 9000), or 0
 * @param relativePath the path the process serves under (Keycloak's /keycloak), or ""
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
        String relativePath) {

    /** Where this process answers its health check. */
    public String healthUrl() {
        if (healthPort > 0) {
            return "http://127.0.0.1:" + healthPort + relativePath + healthPath;
        }
        return url + healthPath;
    }
}
