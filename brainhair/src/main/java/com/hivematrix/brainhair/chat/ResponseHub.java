package com.hivematrix.brainhair.chat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.hivematrix.brainhair.BrainhairProperties;

import tools.jackson.databind.ObjectMapper;

/**
 * A turn's events: stored in order (for the poll endpoint and reconnects) and pushed to the SSE
 * subscribers of this instance. Subscribers get a keep-alive comment well inside the gateway's
 * 30 s upstream timeout. The {@code done} event ends every stream of that response.
 */
@Component
public class ResponseHub implements DisposableBean {

    public static final String DONE = "done";

    private final ResponseRepository responses;
    private final ObjectMapper json;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "brainhair-sse-keepalive");
        t.setDaemon(true);
        return t;
    });

    /** One browser stream; {@code sent} is the last event sequence it has seen, so replay and live never duplicate. */
    private static final class Subscriber {
        final SseEmitter emitter;
        int sent;

        Subscriber(SseEmitter emitter, int sent) {
            this.emitter = emitter;
            this.sent = sent;
        }
    }

    public ResponseHub(ResponseRepository responses, ObjectMapper json, BrainhairProperties props) {
        this.responses = responses;
        this.json = json;
        long every = props.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
    }

    public void emit(String responseId, String type, Map<String, ?> payload) {
        synchronized (locks.computeIfAbsent(responseId, k -> new Object())) {
            int seq = responses.append(responseId, type, json.writeValueAsString(payload));
            for (Subscriber s : subscribers.getOrDefault(responseId, List.of())) {
                send(responseId, s, seq, type, json.writeValueAsString(payload));
            }
            if (DONE.equals(type)) {
                List<Subscriber> done = subscribers.remove(responseId);
                if (done != null) {
                    done.forEach(s -> s.emitter.complete());
                }
                locks.remove(responseId);
            }
        }
    }

    /** Replays events after {@code after}, then streams live ones until {@code done}. */
    public SseEmitter subscribe(String responseId, int after) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber sub = new Subscriber(emitter, after);
        synchronized (locks.computeIfAbsent(responseId, k -> new Object())) {
            boolean finished = false;
            for (Map<String, Object> e : responses.events(responseId, after)) {
                int seq = ((Number) e.get("seq")).intValue();
                send(responseId, sub, seq, (String) e.get("type"), (String) e.get("payload"));
                finished |= DONE.equals(e.get("type"));
            }
            if (finished) {
                emitter.complete();
                return emitter;
            }
            subscribers.computeIfAbsent(responseId, k -> new CopyOnWriteArrayList<>()).add(sub);
        }
        Runnable drop = () -> {
            List<Subscriber> list = subscribers.get(responseId);
            if (list != null) {
                list.remove(sub);
            }
        };
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        return emitter;
    }

    private void send(String responseId, Subscriber s, int seq, String type, String payload) {
        if (seq <= s.sent) {
            return;
        }
        try {
            s.emitter.send(SseEmitter.event().id(Integer.toString(seq)).name(type).data(payload, MediaType.APPLICATION_JSON));
            s.sent = seq;
        } catch (IOException | IllegalStateException e) {
            List<Subscriber> list = subscribers.get(responseId);
            if (list != null) {
                list.remove(s);
            }
        }
    }

    private void ping() {
        subscribers.forEach((id, list) -> list.forEach(s -> {
            try {
                s.emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                list.remove(s);
            }
        }));
    }

    @Override
    public void destroy() {
        keepAlive.shutdownNow();
    }
}
