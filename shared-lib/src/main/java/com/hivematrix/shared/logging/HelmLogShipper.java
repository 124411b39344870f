package com.hivematrix.shared.logging;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

import com.hivematrix.shared.web.CorrelationIdFilter;
import com.hivematrix.shared.web.UserMdcFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * A logback appender that ships log events to Helm's {@code POST /api/logs/ingest} in the
 * original's batch format, from a background thread. While Helm cannot be reached, batches wait
 * in a bounded on-disk spool and are resent, oldest first, once it answers again.
 */
public class HelmLogShipper extends AppenderBase<ILoggingEvent> {

    /** Our own delivery must not log into itself. */
    private static final List<String> SELF = List.of("com.hivematrix.shared.logging", "org.springframework.web.client",
            "jdk.internal.httpclient", "org.springframework.http");

    private final String serviceName;
    private final RestClient helm;
    private final Supplier<String> token;
    private final LogBatchSpool spool;
    private final int batchSize;
    private final Duration flushInterval;
    private final BlockingQueue<Map<String, Object>> queue;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong rejectedBatches = new AtomicLong();

    /** Helm's answer to one batch. */
    enum Delivery { DELIVERED, RETRY_LATER, REJECTED }

    /** Helm's own limit; longer messages are cut rather than having the whole batch refused. */
    static final int MAX_MESSAGE_CHARS = 10_000;
    private volatile Thread worker;

    public HelmLogShipper(String serviceName, RestClient helm, Supplier<String> token, LogBatchSpool spool,
            int batchSize, Duration flushInterval, int queueCapacity) {
        this.serviceName = serviceName;
        this.helm = helm;
        this.token = token;
        this.spool = spool;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        setName("HELM");
    }

    @Override
    public void start() {
        super.start();
        worker = new Thread(this::run, "helm-log-shipper");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        super.stop();
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        for (String prefix : SELF) {
            if (logger.startsWith(prefix)) {
                return;
            }
        }
        if (!queue.offer(toEntry(event))) {
            droppedEvents.incrementAndGet();
        }
    }

    /** Events delivered to Helm so far. */
    public long shipped() {
        return shipped.get();
    }

    /** Batches Helm refused as invalid (4xx other than 401/429): dropped, or they would block the spool forever. */
    public long rejectedBatches() {
        return rejectedBatches.get();
    }

    /** Events lost because the in-memory queue was full (the spool bounds disk use separately). */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    private void run() {
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        boolean running = true;
        while (running) {
            try {
                Map<String, Object> first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                }
            } catch (InterruptedException e) {
                running = false;
                queue.drainTo(batch);
            }
            deliver(batch);
            batch = new ArrayList<>(batchSize);
        }
    }

    private void deliver(List<Map<String, Object>> batch) {
        boolean helmReachable = resendSpooled();
        if (batch.isEmpty()) {
            return;
        }
        String body = json.writeValueAsString(Map.of("service_name", serviceName, "logs", batch));
        Delivery delivery = helmReachable ? post(body) : Delivery.RETRY_LATER;
        switch (delivery) {
            case DELIVERED -> shipped.addAndGet(batch.size());
            case REJECTED -> rejectedBatches.incrementAndGet();
            case RETRY_LATER -> spool.add(body);
        }
    }

    /** @return false when Helm could not take the spooled batches (so new ones go to the spool too, in order) */
    private boolean resendSpooled() {
        for (Path file : spool.pending()) {
            try {
                String body = spool.read(file);
                Delivery delivery = post(body);
                if (delivery == Delivery.RETRY_LATER) {
                    return false;
                }
                if (delivery == Delivery.DELIVERED) {
                    shipped.addAndGet(json.readTree(body).path("logs").size());
                } else {
                    rejectedBatches.incrementAndGet();
                }
                spool.remove(file);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Unreachable, 5xx, 401 (token) and 429 are Helm's problems of the moment: try again later. Any
     * other 4xx says the batch itself is unacceptable, and resending it would never succeed.
     */
    private Delivery post(String body) {
        try {
            helm.post().uri("/api/logs/ingest")
                    .headers(h -> h.setBearerAuth(token.get()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
            return Delivery.DELIVERED;
        } catch (HttpClientErrorException e) {
            int status = e.getStatusCode().value();
            return status == 401 || status == 408 || status == 429 ? Delivery.RETRY_LATER : Delivery.REJECTED;
        } catch (RuntimeException e) {
            return Delivery.RETRY_LATER;
        }
    }

    private static Map<String, Object> toEntry(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("logger", event.getLoggerName());
        context.put("thread", event.getThreadName());
        mdc.forEach((k, v) -> {
            if (!k.equals(UserMdcFilter.USER_ID)) {
                context.put(k, v);
            }
        });
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            context.put("exception", ThrowableProxyUtil.asString(thrown));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("level", event.getLevel().toString());
        String message = event.getFormattedMessage();
        entry.put("message", message != null && message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message);
        entry.put("timestamp", LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneOffset.UTC).toString());
        entry.put("context", context);
        entry.put("trace_id", mdc.get(CorrelationIdFilter.MDC_KEY));
        entry.put("user_id", mdc.get(UserMdcFilter.USER_ID));
        return entry;
    }
}
