package com.hivematrix.shared.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Platform-wide defaults, weaker than anything a service's application.yml or the environment
 * says: API docs at /docs, Actuator behind authentication, the home directory from HIVEMATRIX_HOME.
 */
public class HivematrixDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            // absolute: a relative Path would be resolved against the servlet context, not the working directory
            Map.entry("hivematrix.home", "${HIVEMATRIX_HOME:${user.dir}}"),
            Map.entry("springdoc.swagger-ui.path", "/docs"),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,metrics"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("management.info.git.mode", "simple"),
            Map.entry("server.error.whitelabel.enabled", "false"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.mvc.problemdetails.enabled", "true"),
            Map.entry("spring.main.banner-mode", "off"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("hivematrixDefaults", DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
