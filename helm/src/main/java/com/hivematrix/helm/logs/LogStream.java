package com.hivematrix.helm.logs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes ingested entries to live viewers over Server-Sent Events, straight from the ingest path
 * (no polling). Each event is {@code event: log, id: <entry id>, data: <entry JSON>}; a browser
 * reconnecting sends Last-Event-ID and gets what it missed from the database. Delivery runs on
 * one dispatcher thread so a slow viewer never holds up ingestion; when the dispatcher falls
 * too far behind, whole batches are skipped for live viewers (they stay in the database).
 */
@Component
public class LogStream {

    static final long EMITTER_TIMEOUT_MS = 30L * 60 * 1000;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong skippedBatches = new AtomicLong();
    private final ExecutorService dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "log-stream");
                t.setDaemon(true);
                return t;
            }, (r, executor) -> skippedBatches.incrementAndGet());

    /** Opens a stream: the backlog is sent first, then live entries newer than it. */
    public SseEmitter subscribe(LogFilter filter, java.util.function.Supplier<List<LogEntryView>> backlog) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        Subscriber s = new Subscriber(filter, emitter);
        emitter.onCompletion(() -> subscribers.remove(s));
        emitter.onTimeout(() -> subscribers.remove(s));
        emitter.onError(e -> subscribers.remove(s));
        synchronized (s) {
            subscribers.add(s);
            try {
                emitter.send(SseEmitter.event().comment("connected"));
                for (LogEntryView e : backlog.get()) {
                    s.send(e);
                }
            } catch (IOException | RuntimeException e) {
                subscribers.remove(s);
                emitter.completeWithError(e);
            }
        }
        return emitter;
    }

    /** Called by the ingest path after the batch is committed. */
    public void publish(List<LogEntryView> entries) {
        if (subscribers.isEmpty() || entries.isEmpty()) {
            return;
        }
        dispatcher.execute(() -> deliver(entries));
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private void deliver(List<LogEntryView> entries) {
        for (Subscriber s : subscribers) {
            List<LogEntryView> matching = new ArrayList<>();
            for (LogEntryView e : entries) {
                if (s.filter.matches(e)) {
                    matching.add(e);
                }
            }
            if (matching.isEmpty()) {
                continue;
            }
            synchronized (s) {
                try {
                    for (LogEntryView e : matching) {
                        s.send(e);
                    }
                } catch (IOException | RuntimeException ex) {
                    subscribers.remove(s);
                    s.emitter.completeWithError(ex);
                }
            }
        }
    }

    /** Keeps idle connections open through proxies and finds viewers that went away. */
    @Scheduled(fixedDelay = 15_000)
    void heartbeat() {
        for (Subscriber s : subscribers) {
            synchronized (s) {
                try {
                    s.emitter.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | RuntimeException e) {
                    subscribers.remove(s);
                    s.emitter.completeWithError(e);
                }
            }
        }
    }

    /** Before the web server's graceful shutdown waits for requests: end the open streams. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    public void endStreams() {
        subscribers.forEach(s -> s.emitter.complete());
        subscribers.clear();
    }

    @PreDestroy
    void close() {
        dispatcher.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
        subscribers.clear();
    }

    private static final class Subscriber {
        final LogFilter filter;
        final SseEmitter emitter;
        long lastSentId;

        Subscriber(LogFilter filter, SseEmitter emitter) {
            this.filter = filter;
            this.emitter = emitter;
        }

        void send(LogEntryView e) throws IOException {
            if (e.id() <= lastSentId) {
                return;
            }
            emitter.send(SseEmitter.event().id(Long.toString(e.id())).name("log").data(e, MediaType.APPLICATION_JSON));
            lastSentId = e.id();
        }
    }
}
