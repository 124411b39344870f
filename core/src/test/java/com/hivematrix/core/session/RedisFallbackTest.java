package com.hivematrix.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.core.support.CoreIntegrationTest;
import com.hivematrix.core.support.Http;
import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.core.support.RedisChild;

/**
 * Redis outage without touching the machine's Redis: Core points at its own redis-server child, which
 * the test stops and starts again.
 */
class RedisFallbackTest extends CoreIntegrationTest {

    private static final RedisChild REDIS = new RedisChild(16399, testHome("redis"));

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        REDIS.start();
        coreProperties(registry, "redis", Map.of("spring.data.redis.port", String.valueOf(REDIS.port()),
                "spring.data.redis.database", "0", "hivematrix.core.redis-probe-interval", "200ms"));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.stop();
    }

    @Override
    @AfterEach
    protected void cleanRedis() {
        REDIS.start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> redisState.isUp() && redis.keys("*") != null);
        super.cleanRedis();
    }

    @Autowired
    RedisState redisState;
    @Autowired
    SessionStore sessions;

    private final KeycloakTestServer kc = KeycloakTestServer.get();

    private String exchange() {
        Http.Reply r = http.postJson("/api/token/exchange", Map.of("access_token", kc.passwordGrant(kc.adminUser(), kc.adminPassword())), xff());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    private static String jti(String token) {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asString();
    }

    private int validate(String token) {
        return http.postJson("/api/token/validate", Map.of("token", token)).status();
    }

    @Test
    void sessionsSurviveAnOutageAndLandInRedisWhenItReturns() {
        String before = exchange();
        assertThat(redis.opsForValue().get("session:" + jti(before))).isNotNull();

        REDIS.stop();

        String during = exchange();
        assertThat(redisState.isUp()).isFalse();
        assertThat(validate(during)).isEqualTo(200);
        assertThat(validate(before)).as("a session seen before the outage").isEqualTo(200);
        String revokedDuring = exchange();
        assertThat(http.postJson("/api/token/revoke", Map.of("token", revokedDuring), xff()).status()).isEqualTo(200);
        assertThat(validate(revokedDuring)).isEqualTo(401);
        // rate limiting keeps counting in memory
        assertThat(http.postJson("/api/token/exchange", Map.of(), xff()).status()).isEqualTo(400);

        REDIS.start(); // a fresh, empty Redis (no persistence)

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(redisState.isUp()).isTrue();
            assertThat(redis.opsForValue().get("session:" + jti(during))).isNotNull();
        });
        String revokedRecord = redis.opsForValue().get("session:" + jti(revokedDuring));
        assertThat(Http.JSON.readTree(revokedRecord).get("revoked").asBoolean()).isTrue();
        assertThat(redis.getExpire("session:" + jti(during))).isBetween(3500L, 3600L);

        assertThat(validate(during)).isEqualTo(200);
        assertThat(validate(revokedDuring)).isEqualTo(401);
        String after = exchange();
        assertThat(redis.opsForValue().get("session:" + jti(after))).isNotNull();
    }

    @Test
    void coreStartsUsingRedisAgainAfterRepeatedOutages() {
        for (int i = 0; i < 2; i++) {
            REDIS.stop();
            String token = exchange();
            assertThat(validate(token)).isEqualTo(200);
            REDIS.start();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(redis.opsForValue().get("session:" + jti(token))).isNotNull());
        }
    }
}
