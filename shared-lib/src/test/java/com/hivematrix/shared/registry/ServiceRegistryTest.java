package com.hivematrix.shared.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.hivematrix.shared.security.PermissionLevel;

class ServiceRegistryTest {

    /** The real registry file the launcher, the gateway and every service read. */
    private final ServiceRegistry registry = ServiceRegistry.load(Path.of("../deploy/services.json"));

    @Test
    void readsTheDeployRegistryInSidebarOrderWithVisibilityFlags() {
        assertThat(registry.all()).extracting(ServiceInfo::name).startsWith("keycloak", "core", "helm", "codex");
        assertThat(registry.require("helm").adminOnly()).isTrue();
        assertThat(registry.require("ledger").billingOrAdminOnly()).isTrue();
        assertThat(registry.require("core").visible()).isFalse();
        assertThat(registry.require("codex").url()).isEqualTo("http://127.0.0.1:5010");
    }

    @Test
    void healthUrlUsesTheManagementPortWhereThereIsOne() {
        assertThat(registry.require("keycloak").healthUrl()).isEqualTo("http://127.0.0.1:9000/keycloak/health/ready");
        assertThat(registry.require("core").healthUrl()).isEqualTo("http://127.0.0.1:5000/health");
    }

    @Test
    void anEntryWithoutInstancesIsOneInstanceAtItsUrl() {
        assertThat(registry.require("codex").instances()).containsExactly("http://127.0.0.1:5010");
        assertThat(registry.require("codex").replicated()).isFalse();
    }

    @Test
    void instancesListEveryReplicaWithTheFirstAsTheUrl() {
        ServiceRegistry replicas = ServiceRegistry.parse("""
                {"codex": {"instances": ["http://127.0.0.1:5010/", "http://127.0.0.1:5011"], "port": 5010}}""");
        assertThat(replicas.require("codex").url()).isEqualTo("http://127.0.0.1:5010");
        assertThat(replicas.require("codex").instances()).containsExactly("http://127.0.0.1:5010", "http://127.0.0.1:5011");
        assertThat(replicas.require("codex").replicated()).isTrue();
        assertThatThrownBy(() -> ServiceRegistry.parse("""
                {"codex": {"url": "http://127.0.0.1:5012", "instances": ["http://127.0.0.1:5010"]}}"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codex");
    }

    @Test
    void unknownServiceIsRefused() {
        assertThat(registry.find("nope")).isEmpty();
        assertThatThrownBy(() -> registry.require("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupsMapToTheHighestPermissionLevel() {
        assertThat(PermissionLevel.fromGroups(java.util.List.of("billing", "/technicians"))).isEqualTo(PermissionLevel.TECHNICIAN);
        assertThat(PermissionLevel.fromGroups(java.util.List.of("/admins", "billing"))).isEqualTo(PermissionLevel.ADMIN);
        assertThat(PermissionLevel.fromGroups(java.util.List.of("billing"))).isEqualTo(PermissionLevel.BILLING);
        assertThat(PermissionLevel.fromGroups(java.util.List.of("client", "staff"))).isEqualTo(PermissionLevel.CLIENT);
        assertThat(PermissionLevel.fromGroups(java.util.List.of())).isEqualTo(PermissionLevel.CLIENT);
        assertThat(PermissionLevel.fromClaim("billing")).isEqualTo(PermissionLevel.BILLING);
        assertThat(PermissionLevel.fromClaim("superuser")).isEqualTo(PermissionLevel.CLIENT);
    }
}
