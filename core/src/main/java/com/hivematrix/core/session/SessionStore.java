package com.hivematrix.core.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Revocable login sessions: Redis ({@code session:<jti>}, SETEX ttl) with an in-process fallback.
 *
 * <p>While Redis is up, every session read or written is also kept in memory (a "clean" copy), so that
 * an outage does not log out users whose sessions this replica has seen. During an outage, new and
 * revoked sessions are kept in memory as "dirty" and copied into Redis, with their remaining TTL, as soon
 * as it returns. Expired entries are swept every minute.
 */
@Component
public class SessionStore {

    public enum RevokeResult { REVOKED, NOT_FOUND }

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final String PREFIX = "session:";

    private record Local(String json, long expiresAtMillis, boolean dirty) {
    }

    private final StringRedisTemplate redis;
    private final RedisState redisState;
    private final ObjectMapper mapper;
    private final Map<String, Local> local = new ConcurrentHashMap<>();

    public SessionStore(StringRedisTemplate redis, RedisState redisState, ObjectMapper mapper) {
        this.redis = redis;
        this.redisState = redisState;
        this.mapper = mapper;
        redisState.onRecovery(this::flushToRedis);
    }

    public void create(String jti, SessionRecord record, Duration ttl) {
        String json = mapper.writeValueAsString(record);
        long expiresAt = System.currentTimeMillis() + ttl.toMillis();
        if (redisState.isUp()) {
            try {
                redis.opsForValue().set(PREFIX + jti, json, ttl.toSeconds(), TimeUnit.SECONDS);
                local.put(jti, new Local(json, expiresAt, false));
                return;
            } catch (RuntimeException e) {
                redisState.markDown(e);
            }
        }
        local.put(jti, new Local(json, expiresAt, true));
    }

    /** The session if it exists, is not expired and not revoked-and-gone; revoked sessions are returned (check {@code revoked()}). */
    public Optional<SessionRecord> find(String jti) {
        if (redisState.isUp()) {
            try {
                String json = redis.opsForValue().get(PREFIX + jti);
                if (json == null) {
                    local.remove(jti);
                    return Optional.empty();
                }
                SessionRecord record = mapper.readValue(json, SessionRecord.class);
                Local seen = local.get(jti);
                if (seen == null || !seen.json().equals(json)) {
                    local.put(jti, new Local(json, record.expiresAt() * 1000, false));
                }
                return live(jti, record);
            } catch (tools.jackson.core.JacksonException e) {
                log.warn("Unreadable session record for {}: {}", jti, e.getOriginalMessage());
                return Optional.empty();
            } catch (RuntimeException e) {
                redisState.markDown(e);
            }
        }
        Local entry = local.get(jti);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() < System.currentTimeMillis()) {
            local.remove(jti, entry);
            return Optional.empty();
        }
        return live(jti, mapper.readValue(entry.json(), SessionRecord.class));
    }

    private Optional<SessionRecord> live(String jti, SessionRecord record) {
        if (record.expired(System.currentTimeMillis() / 1000)) {
            delete(jti);
            return Optional.empty();
        }
        return Optional.of(record);
    }

    /** Whether the session behind this jti is usable: present, not expired, not revoked. */
    public boolean isActive(String jti) {
        return find(jti).filter(r -> !r.revoked()).isPresent();
    }

    /** Marks the session revoked, keeping it (and its remaining TTL) for audit until it expires. */
    public RevokeResult revoke(String jti) {
        Optional<SessionRecord> found = find(jti);
        if (found.isEmpty()) {
            return RevokeResult.NOT_FOUND;
        }
        String json = mapper.writeValueAsString(found.get().asRevoked());
        if (redisState.isUp()) {
            try {
                byte[] key = (PREFIX + jti).getBytes(StandardCharsets.UTF_8);
                byte[] value = json.getBytes(StandardCharsets.UTF_8);
                Boolean written = redis.execute((RedisCallback<Boolean>) c ->
                        c.stringCommands().set(key, value, Expiration.keepTtl(), SetOption.ifPresent()));
                if (!Boolean.TRUE.equals(written)) {
                    local.remove(jti);
                    return RevokeResult.NOT_FOUND;
                }
                Local seen = local.get(jti);
                long expiresAt = seen != null ? seen.expiresAtMillis() : found.get().expiresAt() * 1000;
                local.put(jti, new Local(json, expiresAt, false));
                return RevokeResult.REVOKED;
            } catch (RuntimeException e) {
                redisState.markDown(e);
            }
        }
        Local seen = local.get(jti);
        long expiresAt = seen != null ? seen.expiresAtMillis() : found.get().expiresAt() * 1000;
        if (expiresAt <= System.currentTimeMillis()) {
            return RevokeResult.NOT_FOUND;
        }
        local.put(jti, new Local(json, expiresAt, true));
        return RevokeResult.REVOKED;
    }

    private void delete(String jti) {
        local.remove(jti);
        if (redisState.isUp()) {
            try {
                redis.delete(PREFIX + jti);
            } catch (RuntimeException e) {
                redisState.markDown(e);
            }
        }
    }

    /** Recovery hook: copies what changed during the outage into Redis with its remaining TTL. */
    void flushToRedis() {
        int copied = 0;
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Local> e : local.entrySet()) {
            Local entry = e.getValue();
            if (!entry.dirty()) {
                continue;
            }
            long remaining = entry.expiresAtMillis() - now;
            if (remaining <= 0) {
                local.remove(e.getKey(), entry);
                continue;
            }
            redis.opsForValue().set(PREFIX + e.getKey(), entry.json(), remaining, TimeUnit.MILLISECONDS);
            local.replace(e.getKey(), entry, new Local(entry.json(), entry.expiresAtMillis(), false));
            copied++;
        }
        if (copied > 0) {
            log.info("Copied {} session(s) created or revoked during the Redis outage into Redis", copied);
        }
    }

    @Scheduled(fixedDelay = 60_000)
    public void sweep() {
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<String, Local>> it = local.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().expiresAtMillis() < now) {
                it.remove();
            }
        }
    }

    /** Entries kept in memory (clean and dirty); for diagnostics and tests. */
    public int localSize() {
        return local.size();
    }
}
