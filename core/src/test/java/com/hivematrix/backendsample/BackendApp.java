package com.hivematrix.backendsample;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.shared.security.TokenClaims;

/**
 * A backend built on nothing but shared-lib, run beside a real Core: what every HiveMatrix service
 * gets for free. It lives outside com.hivematrix.core so Core's own context never picks it up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration"})
@Import(BackendApp.Api.class)
public class BackendApp {

    @RestController
    static class Api {

        @GetMapping("/api/whoami")
        Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("name", TokenClaims.principalName(jwt), "authorities",
                    TokenClaims.authorities(jwt).stream().map(Object::toString).toList());
        }

        @GetMapping("/api/admin/only")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, Object> adminOnly() {
            return Map.of("ok", true);
        }
    }
}
