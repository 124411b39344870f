package com.hivematrix.e2e.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Light, steady load for a fault scenario: one request at a time, a short pause between them
 * (paced, not waited on: the pause sets the request rate), every outcome kept with its time.
 */
final class Load implements AutoCloseable {

    /** One request's outcome: HTTP status, or -1 when the connection failed. */
    record Outcome(long atMillis, int status) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Load(String name, long pauseMillis, IntSupplier request) {
        thread = new Thread(() -> {
            while (running.get()) {
                int status = request.getAsInt();
                synchronized (outcomes) {
                    outcomes.add(new Outcome(System.currentTimeMillis(), status));
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-" + name);
        thread.setDaemon(true);
        thread.start();
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
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
