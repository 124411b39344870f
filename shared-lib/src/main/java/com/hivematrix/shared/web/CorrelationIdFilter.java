package com.hivematrix.shared.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the caller's X-Correlation-ID (or, lacking one, takes the W3C trace id of this request, so
 * correlation id and trace id are the same value), echoes it, and puts it in the log MDC so every line
 * of this request carries it; {@link CorrelationId#current()} gives it to outgoing calls. It runs inside
 * the server observation (see {@link HivematrixWebConfiguration}), so the trace is already in the MDC.
 * Each finished request is one line on the {@code hivematrix.access} logger (health probes left out),
 * so a request can be followed across services by its id in Helm's logs.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-ID";
    public static final String MDC_KEY = "correlation_id";
    /** Where Micrometer Tracing (Brave) keeps the current trace id in the MDC. */
    public static final String TRACE_ID_MDC_KEY = "traceId";
    /** A client-chosen id lands in logs: keep it to a harmless alphabet and length. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger ACCESS = LoggerFactory.getLogger("hivematrix.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String traceId = MDC.get(TRACE_ID_MDC_KEY);
        String id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming
                : traceId != null ? traceId : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!"/health".equals(request.getRequestURI())) {
                ACCESS.info("{} {} -> {}{} in {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        request.isAsyncStarted() ? " (streaming)" : "", (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
            MDC.remove(UserMdcFilter.USER_ID);
            MDC.remove(UserMdcFilter.USERNAME);
        }
    }
}
