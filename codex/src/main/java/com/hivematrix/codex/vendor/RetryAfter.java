package com.hivematrix.codex.vendor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long the PSA and RMM clients wait before calling a vendor again: a 429's {@code Retry-After}
 * (delta-seconds or an HTTP date, as RFC 9110 allows), capped so a vendor cannot park a sync for
 * hours, and a quadratic backoff after transport errors and 5xx answers.
 */
public final class RetryAfter {

    /** What a 429 without a usable header waits. */
    static final long DEFAULT_SECONDS = 10;

    private static final long MAX_BACKOFF_MILLIS = 10_000L;

    private RetryAfter() {
    }

    /** Waits {@code millis}; an interrupt is kept on the thread and ends the wait as {@code onInterrupt}'s exception. */
    public static void pause(long millis, java.util.function.Function<InterruptedException, RuntimeException> onInterrupt) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw onInterrupt.apply(e);
        }
    }

    public static long seconds(String header, long maxSeconds) {
        long seconds = DEFAULT_SECONDS;
        if (header != null && !header.isBlank()) {
            try {
                seconds = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                seconds = untilDate(header.trim());
            }
        }
        return Math.max(0, Math.min(seconds, maxSeconds));
    }

    public static long backoffMillis(long baseMillis, int attempt) {
        return Math.min(baseMillis * attempt * attempt, MAX_BACKOFF_MILLIS);
    }

    private static long untilDate(String header) {
        try {
            Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(Instant.now(), at).toSeconds());
        } catch (DateTimeParseException e) {
            return DEFAULT_SECONDS;
        }
    }
}
