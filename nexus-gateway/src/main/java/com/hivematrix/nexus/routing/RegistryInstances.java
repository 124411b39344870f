package com.hivematrix.nexus.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The load balancer's instances for one service (each service gets its own child context with this
 * configuration): the registry entry's {@code instances}, static, filtered by their health endpoint
 * (a replica that stops answering leaves the rotation within one health-check interval, and
 * {@link RegistryRoutes}' retry covers the requests in between).
 */
public class RegistryInstances {

    @Bean
    ServiceInstanceListSupplier registryInstanceSupplier(ConfigurableApplicationContext context, Environment env,
            ServiceRegistry registry) {
        String serviceId = env.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        ServiceInfo service = registry.require(serviceId);
        // probed at spring.cloud.loadbalancer.health-check.path.default (/health, as every service answers)
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000).responseTimeout(Duration.ofSeconds(2));
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(serviceId, instances(service).toArray(ServiceInstance[]::new)))
                .withHealthChecks(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build())
                .build(context);
    }

    static List<ServiceInstance> instances(ServiceInfo service) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int i = 0; i < service.instances().size(); i++) {
            URI uri = URI.create(service.instances().get(i).replace("0.0.0.0", "127.0.0.1"));
            boolean secure = "https".equals(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
            instances.add(new DefaultServiceInstance(service.name() + "-" + (i + 1), service.name(), uri.getHost(), port, secure));
        }
        return instances;
    }
}
