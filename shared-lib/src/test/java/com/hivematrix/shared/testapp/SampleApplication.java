package com.hivematrix.shared.testapp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.security.SessionStatus;
import com.hivematrix.shared.web.CorrelationId;

/** A minimal service built only on shared-lib, as every real service is. */
@SpringBootApplication
public class SampleApplication {

    /** Sessions this test app treats as logged out; stands where Core's store stands in production. */
    public static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();

    @Bean
    SessionStatus sessionStatus() {
        return jwt -> !REVOKED.contains(jwt.getId());
    }

    public record NewThing(@NotBlank String name, @Min(1) int quantity) {
    }

    @RestController
    static class ThingController {

        @GetMapping("/api/things")
        Map<String, Object> list() {
            return Map.of("things", java.util.List.of("a"), "correlation_id", CorrelationId.current().orElse(""));
        }

        @PostMapping(path = "/api/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> create(@Valid @RequestBody NewThing thing) {
            return Map.of("name", thing.name());
        }

        @GetMapping("/api/things/{id}")
        Map<String, Object> one(@PathVariable long id) {
            throw ProblemException.notFound("Thing " + id + " not found");
        }

        @GetMapping("/api/admin/settings")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, Object> adminOnly() {
            return Map.of("ok", true);
        }

        @GetMapping("/api/boom")
        Map<String, Object> boom() {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
