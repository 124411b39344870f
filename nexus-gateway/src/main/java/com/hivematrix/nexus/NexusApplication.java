package com.hivematrix.nexus;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Nexus: the platform's TLS edge (login, token relay, routing from the registry, page composition). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NexusApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(NexusApplication.class);
        app.setDefaultProperties(managementServer(System.getenv("NEXUS_MANAGEMENT_PORT")));
        app.run(args);
    }

    /**
     * With NEXUS_MANAGEMENT_PORT, Actuator (health, prometheus) gets its own server bound to 127.0.0.1,
     * plain HTTP; without it there is none (Boot refuses a management address without a separate port,
     * so the address cannot simply sit in application.yml). The public port never serves Actuator.
     */
    static Map<String, Object> managementServer(String port) {
        if (port == null || port.isBlank()) {
            return Map.of();
        }
        return Map.of("management.server.port", port.trim(), "management.server.address", "127.0.0.1",
                "management.server.ssl.enabled", "false");
    }
}
