package com.hivematrix.core.support;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shared default context: machine Redis db 5, test Keycloak, fresh key directory. */
public abstract class DefaultCoreTest extends CoreIntegrationTest {

    @DynamicPropertySource
    static void defaults(DynamicPropertyRegistry registry) {
        coreProperties(registry, "main", Map.of());
    }
}
