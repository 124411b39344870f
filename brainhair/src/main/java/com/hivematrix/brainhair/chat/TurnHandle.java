package com.hivematrix.brainhair.chat;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hivematrix.brainhair.model.StreamSink;

/** A running turn on this instance: what the stop button cancels. */
final class TurnHandle {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Closeable stream;
    private volatile Future<?> future;

    void attach(Future<?> f) {
        this.future = f;
        if (cancelled.get()) {
            f.cancel(true);
        }
    }

    boolean cancelled() {
        return cancelled.get();
    }

    /** Closes the open model stream (its read then fails at once) and interrupts a waiting turn. */
    void cancel() {
        cancelled.set(true);
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed: the read has ended anyway
            }
        }
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
    }

    StreamSink sink(java.util.function.Consumer<String> text) {
        return new StreamSink() {
            @Override
            public void text(String delta) {
                text.accept(delta);
            }

            @Override
            public boolean cancelled() {
                return TurnHandle.this.cancelled();
            }

            @Override
            public void streaming(Closeable body) {
                stream = body;
                if (cancelled()) {
                    cancel();
                }
            }
        };
    }
}
