package com.hivematrix.shared.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;

import com.hivematrix.shared.client.HivematrixClientConfiguration;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.version.VersionInfo;

/** The version string and the /health document. */
@AutoConfiguration(after = HivematrixClientConfiguration.class,
        afterName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
public class HivematrixHealthConfiguration {

    @Bean
    VersionInfo versionInfo(ObjectProvider<GitProperties> git, ObjectProvider<BuildProperties> build) {
        return new VersionInfo(git.getIfAvailable(), build.getIfAvailable());
    }

    @Bean
    HealthDocumentService healthDocumentService(HealthContributorRegistry contributors,
            ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors, HivematrixProperties props,
            ServiceRegistry registry, VersionInfo version) {
        // Where Reactor is present (e.g. Lettuce), Redis and others register as reactive contributors.
        ReactiveHealthContributorRegistry reactive = reactiveContributors.getIfAvailable();
        HealthContributors all = reactive == null ? contributors : HealthContributors.of(contributors, reactive.asHealthContributors());
        return new HealthDocumentService(all, props, registry, version);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    HealthController healthController(HealthDocumentService health) {
        return new HealthController(health);
    }
}
