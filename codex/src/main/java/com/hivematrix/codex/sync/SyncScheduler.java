package com.hivematrix.codex.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.psa.PsaException;
import com.hivematrix.codex.psa.PsaProvider;
import com.hivematrix.codex.psa.PsaProviders;
import com.hivematrix.codex.psa.PsaSyncService;
import com.hivematrix.codex.rmm.AccountNumberPush;
import com.hivematrix.codex.rmm.RmmException;
import com.hivematrix.codex.rmm.RmmProvider;
import com.hivematrix.codex.rmm.RmmProviders;
import com.hivematrix.codex.rmm.RmmSyncService;
import com.hivematrix.codex.settings.SettingsService;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The automatic sync schedule of spec §5.6, read from settings on every tick (changes apply
 * without a restart): PSA base daily at 02:00 (or hourly), light tickets every 5 minutes, ticket
 * details daily at 02:30 (or hourly). A daily run missed while Codex was down is caught up within
 * six hours. Each start goes through {@link SyncJobService}'s per-kind lock with a "not started
 * since" condition, so with several replicas each run happens once; on top of that the tick itself
 * holds the ShedLock lock {@code codex-sync-scheduler}, so replicas do not even race for it.
 *
 * Settings: {@code scheduler.sync_psa_enabled} (true), {@code scheduler.sync_psa_schedule}
 * daily|hourly, {@code scheduler.sync_tickets_enabled} (true), {@code scheduler.sync_tickets_schedule}
 * frequent|hourly|daily, {@code scheduler.sync_rmm_enabled} (true; runs only once an RMM is configured),
 * {@code scheduler.sync_rmm_schedule} daily (03:00)|hourly, {@code scheduler.time_zone} (the server's). The scheduled RMM run
 * pushes account numbers first, like the manual one (the original's scheduled run skipped the push).
 */
@Component
public class SyncScheduler {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);
    static final Duration CATCH_UP = Duration.ofHours(6);

    private final SettingsService settings;
    private final PsaProviders providers;
    private final PsaSyncService sync;
    private final SyncJobService jobs;
    private final RmmProviders rmmProviders;
    private final RmmSyncService rmmSync;
    private final AccountNumberPush push;
    private final boolean enabled;

    public SyncScheduler(SettingsService settings, PsaProviders providers, PsaSyncService sync, SyncJobService jobs,
            RmmProviders rmmProviders, RmmSyncService rmmSync, AccountNumberPush push,
            @Value("${codex.scheduler.enabled:true}") boolean enabled) {
        this.settings = settings;
        this.providers = providers;
        this.sync = sync;
        this.jobs = jobs;
        this.rmmProviders = rmmProviders;
        this.rmmSync = rmmSync;
        this.push = push;
        this.enabled = enabled;
    }

    @Scheduled(initialDelayString = "${codex.scheduler.initial-delay-ms:30000}", fixedDelayString = "${codex.scheduler.tick-ms:30000}")
    @SchedulerLock(name = "codex-sync-scheduler", lockAtMostFor = "PT10M", lockAtLeastFor = "${codex.scheduler.lock-at-least-for:PT20S}")
    void scheduled() {
        if (enabled) {
            try {
                tick(Instant.now());
            } catch (RuntimeException e) {
                log.warn("Sync scheduler tick failed: {}", e.toString());
            }
        }
    }

    /** Starts what is due at {@code now}; returns the ids of the jobs it started. */
    public List<String> tick(Instant now) {
        List<String> started = new ArrayList<>();
        ZoneId zone = zone();
        rmm(now, zone, started);
        PsaProvider provider;
        try {
            provider = providers.byDefault();
        } catch (PsaException.NotConfigured e) {
            return started;
        }
        if (settings.getBoolean("scheduler.sync_psa_enabled", true)) {
            Instant since = "hourly".equals(settings.get("scheduler.sync_psa_schedule", "daily"))
                    ? now.minus(Duration.ofHours(1)) : dailySince(now, zone, LocalTime.of(2, 0));
            add(started, since, () -> jobs.start("psa-base", "psa", provider.name(), "base", since, p -> sync.base(provider, p)));
        }
        if (settings.getBoolean("scheduler.sync_tickets_enabled", true)) {
            Instant lightSince = now.minus(Duration.ofMinutes(5));
            add(started, lightSince, () -> jobs.start("psa-tickets-light", "psa", provider.name(), "tickets", lightSince,
                    p -> sync.tickets(provider, PsaProvider.TicketScope.LIGHT, p)));
            Instant detailSince = "hourly".equals(settings.get("scheduler.sync_tickets_schedule", "frequent"))
                    ? now.minus(Duration.ofHours(1)) : dailySince(now, zone, LocalTime.of(2, 30));
            add(started, detailSince, () -> jobs.start("psa-tickets-detail", "psa", provider.name(), "tickets", detailSince,
                    p -> sync.tickets(provider, PsaProvider.TicketScope.DETAIL, p)));
        }
        return started;
    }

    private void rmm(Instant now, ZoneId zone, List<String> started) {
        if (!settings.getBoolean("scheduler.sync_rmm_enabled", true)) {
            return;
        }
        RmmProvider provider;
        try {
            provider = rmmProviders.byDefault();
        } catch (RmmException.NotConfigured e) {
            return;
        }
        Instant since = "hourly".equals(settings.get("scheduler.sync_rmm_schedule", "daily"))
                ? now.minus(Duration.ofHours(1)) : dailySince(now, zone, LocalTime.of(3, 0));
        add(started, since, () -> jobs.start("rmm", "rmm", provider.name(), null, since, p -> {
            push.push(provider, p);
            rmmSync.sync(provider, p);
        }));
    }

    private void add(List<String> started, Instant since, java.util.function.Supplier<String> start) {
        if (since == null) {
            return;
        }
        try {
            String id = start.get();
            if (id != null) {
                started.add(id);
            }
        } catch (SyncJobService.AlreadyRunning e) {
            // the previous run is still going: the overlap guard the original lacked
        }
    }

    /** The latest daily run time at or before {@code now}, or null when that is more than the catch-up window ago. */
    static Instant dailySince(Instant now, ZoneId zone, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime last = local.with(at);
        if (last.isAfter(local)) {
            last = last.minusDays(1);
        }
        return Duration.between(last.toInstant(), now).compareTo(CATCH_UP) > 0 ? null : last.toInstant();
    }

    private ZoneId zone() {
        try {
            return settings.get("scheduler.time_zone").map(ZoneId::of).orElse(ZoneId.systemDefault());
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }
}
