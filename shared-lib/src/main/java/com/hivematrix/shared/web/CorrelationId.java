package com.hivematrix.shared.web;

import java.util.Optional;

import org.slf4j.MDC;

/** The correlation id of the request this thread is serving, if any. */
public final class CorrelationId {

    private CorrelationId() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(CorrelationIdFilter.MDC_KEY));
    }
}
