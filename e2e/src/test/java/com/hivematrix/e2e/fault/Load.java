package com.hivematrix.e2e.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Light, steady load for a fault scenario: one request at a time, a short pause between them
 * (scheduled with a fixed delay: the pause sets the request rate), every outcome kept with its time.
 */
final class Load implements AutoCloseable {

    /** One request's outcome: HTTP status, or -1 when the connection failed. */
    record Outcome(long atMillis, int status) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final ScheduledExecutorService scheduler;

    Load(String name, long pauseMillis, IntSupplier request) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-" + name);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            int status = request.getAsInt();
            synchronized (outcomes) {
                outcomes.add(new Outcome(System.currentTimeMillis(), status));
            }
        }, 0, pauseMillis, TimeUnit.MILLISECONDS);
    }

    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    long failed() {
        return outcomes().stream().filter(o -> !o.ok()).count();
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
