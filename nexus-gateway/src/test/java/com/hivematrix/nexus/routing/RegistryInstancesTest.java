package com.hivematrix.nexus.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

import com.hivematrix.shared.registry.ServiceRegistry;

class RegistryInstancesTest {

    @Test
    void everyRegistryInstanceBecomesALoadBalancerInstanceOfTheService() {
        ServiceRegistry registry = ServiceRegistry.parse("""
                {"codex": {"instances": ["http://127.0.0.1:5010", "http://0.0.0.0:5011"]},
                 "nexus": {"instances": ["https://127.0.0.1:8443", "https://127.0.0.1:8444"]}}""");

        assertThat(RegistryInstances.instances(registry.require("codex")))
                .extracting(ServiceInstance::getServiceId, ServiceInstance::getInstanceId, ServiceInstance::getHost,
                        ServiceInstance::getPort, ServiceInstance::isSecure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("codex", "codex-1", "127.0.0.1", 5010, false),
                        org.assertj.core.groups.Tuple.tuple("codex", "codex-2", "127.0.0.1", 5011, false));
        assertThat(RegistryInstances.instances(registry.require("nexus"))).allMatch(ServiceInstance::isSecure);
    }
}
