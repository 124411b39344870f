package com.hivematrix.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.core.support.DefaultCoreTest;
import com.hivematrix.core.support.Http;

/** Per-client fixed windows: exchange 20/min, revoke 50/min, validate exempt; keyed by the forwarded client. */
class RateLimitTest extends DefaultCoreTest {

    /** The windows are fixed minutes: start a burst early in one, so that it cannot straddle two. */
    private static void awaitFreshWindow() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(25)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> System.currentTimeMillis() % 60_000 < 40_000);
    }

    @Test
    void exchangeIsLimitedPerClientNotForTheGatewayAsAWhole() {
        awaitFreshWindow();
        String client = someClient();
        for (int i = 0; i < 20; i++) {
            assertThat(http.postJson("/api/token/exchange", Map.of("access_token", "x"), "X-Forwarded-For", client).status())
                    .isEqualTo(401);
        }
        Http.Reply limited = http.postJson("/api/token/exchange", Map.of("access_token", "x"), "X-Forwarded-For", client);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("about:blank#rate-limit-exceeded");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        // another client behind the same gateway is unaffected; so is the right-most (gateway-added) hop rule
        assertThat(http.postJson("/api/token/exchange", Map.of("access_token", "x"), "X-Forwarded-For", someClient()).status())
                .isEqualTo(401);
        assertThat(http.postJson("/api/token/exchange", Map.of("access_token", "x"), "X-Forwarded-For", "1.2.3.4, " + client).status())
                .isEqualTo(429);
        assertThat(redis.keys("ratelimit:exchange:" + client + ":*")).hasSize(1);
    }

    @Test
    void revokeAllowsFiftyPerClientAndValidateIsExempt() {
        awaitFreshWindow();
        String client = someClient();
        for (int i = 0; i < 50; i++) {
            assertThat(http.postJson("/api/token/revoke", Map.of(), "X-Forwarded-For", client).status()).isEqualTo(400);
        }
        assertThat(http.postJson("/api/token/revoke", Map.of(), "X-Forwarded-For", client).status()).isEqualTo(429);
        for (int i = 0; i < 60; i++) {
            assertThat(http.postJson("/api/token/validate", Map.of(), "X-Forwarded-For", client).status()).isEqualTo(400);
        }
    }
}
