package com.hivematrix.shared.registry;

/**
 * One entry of deploy/services.json.
 *
 * @param billingOrAdminOnly the sidebar shows it only to admins and billing users
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
        int startOrder) {
}
