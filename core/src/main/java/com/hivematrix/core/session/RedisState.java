package com.hivematrix.core.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether Redis is usable right now. The first failed command marks it down; from then on callers use
 * their in-process fallbacks (no request waits on a dead Redis) while this probes it in the background
 * and, once it answers again, runs the recovery hooks (copy in-memory state back) and marks it up.
 */
@Component
public class RedisState {

    private static final Logger log = LoggerFactory.getLogger(RedisState.class);

    private final StringRedisTemplate redis;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();

    public RedisState(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public boolean isUp() {
        return up.get();
    }

    public void markDown(RuntimeException cause) {
        if (up.compareAndSet(true, false)) {
            log.warn("Redis unavailable, using the in-process store until it returns: {}", cause.toString());
        }
    }

    public void onRecovery(Runnable hook) {
        onRecovery.add(hook);
    }

    @Scheduled(fixedDelayString = "${hivematrix.core.redis-probe-interval:1s}")
    public void probe() {
        if (up.get()) {
            return;
        }
        try {
            String pong = redis.execute(connection -> connection.ping(), true);
            if (!"PONG".equalsIgnoreCase(pong)) {
                return;
            }
            for (Runnable hook : onRecovery) {
                hook.run();
            }
        } catch (RuntimeException e) {
            return; // still down
        }
        if (up.compareAndSet(false, true)) {
            log.info("Redis is back: sessions and rate limits use it again");
        }
    }
}
