package com.hivematrix.beacon.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.hivematrix.beacon.BeaconProperties;
import com.hivematrix.shared.client.ServiceClient;

import tools.jackson.databind.JsonNode;

/**
 * Everything Beacon reads from Codex, always with Beacon's own service token (so the public TV
 * display works without a user). The active-ticket feed is shared by every board for a few
 * seconds; the last good answer is kept, so a Codex outage shows old data with its age instead of
 * an empty board, and the next call after the outage brings fresh data again.
 */
@Component
public class CodexFeed {

    public static final String UNAVAILABLE = "Unable to fetch tickets from Codex. The service may be unavailable.";
    private static final Logger log = LoggerFactory.getLogger(CodexFeed.class);

    /** One answer of Codex's /api/tickets/active and when it was fetched. */
    public record Snapshot(JsonNode body, Instant fetchedAt) {
    }

    /** The freshest data Beacon has (may be null: never fetched) and the error of the last attempt. */
    public record Result(Snapshot snapshot, String error) {
    }

    /** What Beacon needs of Codex's /api/psa/config. */
    public record PsaConfig(Long professionalServicesGroupId, String ticketUrlTemplate) {
    }

    private final ServiceClient codex;
    private final BeaconProperties props;
    private final Clock clock;
    private final ReentrantLock feedLock = new ReentrantLock();

    private volatile Snapshot last;
    private volatile Instant lastAttempt;
    private volatile String lastError;
    private volatile Cached<Map<Long, String>> agents;
    private volatile Cached<PsaConfig> psaConfig;

    private record Cached<T>(T value, Instant at) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CodexFeed(ServiceClient codex, BeaconProperties props) {
        this(codex, props, Clock.systemUTC());
    }

    CodexFeed(ServiceClient codex, BeaconProperties props, Clock clock) {
        this.codex = codex;
        this.props = props;
        this.clock = clock;
    }

    public Result active() {
        if (fresh(lastAttempt, props.getFeedCacheTtl())) {
            return new Result(last, lastError);
        }
        feedLock.lock();
        try {
            if (fresh(lastAttempt, props.getFeedCacheTtl())) {
                return new Result(last, lastError);
            }
            try {
                JsonNode body = codex.get("codex", "/api/tickets/active", JsonNode.class);
                if (body == null || !body.isObject()) {
                    throw new IllegalStateException("Codex answered without a JSON object");
                }
                last = new Snapshot(body, clock.instant());
                lastError = null;
            } catch (RuntimeException e) {
                log.warn("Codex ticket feed unavailable: {}", e.getMessage());
                lastError = UNAVAILABLE;
            }
            lastAttempt = clock.instant();
            return new Result(last, lastError);
        } finally {
            feedLock.unlock();
        }
    }

    /** Active PSA agents by external id, for the agent filter. Kept on failure. */
    public Map<Long, String> agents() {
        Cached<Map<Long, String>> cached = agents;
        if (cached != null && fresh(cached.at(), props.getLookupCacheTtl())) {
            return cached.value();
        }
        try {
            JsonNode list = codex.get("codex", "/api/psa/agents", JsonNode.class);
            Map<Long, String> map = new LinkedHashMap<>();
            if (list != null && list.isArray()) {
                for (JsonNode a : list) {
                    if (a.path("active").asBoolean(true) && a.hasNonNull("external_id")) {
                        map.put(a.path("external_id").asLong(), a.path("name").asString("Agent " + a.path("external_id").asLong()));
                    }
                }
            }
            agents = new Cached<>(Map.copyOf(map), clock.instant());
            return map;
        } catch (RuntimeException e) {
            log.warn("Codex agent list unavailable: {}", e.getMessage());
            return cached != null ? cached.value() : Map.of();
        }
    }

    /**
     * The PS group id and ticket link template from Codex's /api/psa/config (default provider),
     * falling back to Beacon's own settings when Codex cannot say.
     */
    public PsaConfig psaConfig() {
        Cached<PsaConfig> cached = psaConfig;
        if (cached != null && fresh(cached.at(), props.getLookupCacheTtl())) {
            return cached.value();
        }
        PsaConfig fallback = new PsaConfig(props.getProfessionalServicesGroupId(), blankToNull(props.getTicketUrlTemplate()));
        PsaConfig config;
        try {
            JsonNode body = codex.get("codex", "/api/psa/config", JsonNode.class);
            JsonNode provider = body == null ? null : body.path("providers").path(body.path("default_provider").asString(""));
            if (provider == null || !provider.isObject()) {
                config = fallback;
            } else {
                JsonNode ps = provider.path("group_ids").path("professional_services");
                String template = blankToNull(provider.path("ticket_url_template").asString(null));
                config = new PsaConfig(ps.isNumber() || ps.isString() && !ps.asString().isBlank() ? Long.valueOf(ps.asLong()) : null,
                        template != null ? template : fallback.ticketUrlTemplate());
            }
        } catch (RuntimeException e) {
            // Codex without /api/psa/config, or down: Beacon's own settings (retried after the TTL).
            config = cached != null ? cached.value() : fallback;
        }
        psaConfig = new Cached<>(config, clock.instant());
        return config;
    }

    private boolean fresh(Instant at, Duration ttl) {
        return at != null && !ttl.isZero() && clock.instant().isBefore(at.plus(ttl));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
