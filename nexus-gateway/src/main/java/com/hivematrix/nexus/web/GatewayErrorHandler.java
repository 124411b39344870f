package com.hivematrix.nexus.web;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import com.hivematrix.nexus.routing.RegistryRoutes;
import com.hivematrix.nexus.security.EdgeFilter;

import reactor.core.publisher.Mono;

/**
 * Every failure becomes a problem (API clients) or a styled page (browsers), never a bare 500: a
 * backend that refuses or drops the connection is 502, one that does not answer in time is 504,
 * Redis (the session store) not answering is 503. A browser whose way to Keycloak's login form
 * fails gets a page saying sign-in is unavailable (API clients the same problem as for any backend).
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);
    public static final String UNAVAILABLE = "Service temporarily unavailable";
    public static final String TIMEOUT = "The service did not answer in time";
    public static final String SESSIONS_UNAVAILABLE = "Sessions are temporarily unavailable; please try again shortly";
    public static final String SIGN_IN_UNAVAILABLE_TITLE = "Sign-in is unavailable right now";
    public static final String SIGN_IN_UNAVAILABLE = "HiveMatrix cannot reach its login service at the moment, so new sign-ins are not possible. "
            + "If you are already signed in, you can carry on working. Please try again in a few minutes.";

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status;
        String detail;
        if (ex instanceof ErrorResponse error) {
            status = error.getStatusCode();
            detail = status.value() == 504 ? TIMEOUT
                    : status.value() == 404 ? "The requested resource was not found"
                    : error.getBody().getDetail();
            if (status.value() == 413) {
                detail = "The request is too large";
            }
        } else if (isTimeout(ex)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = TIMEOUT;
        } else if (isSessionStoreFailure(ex)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = SESSIONS_UNAVAILABLE;
        } else if (isConnectionFailure(ex)) {
            status = HttpStatus.BAD_GATEWAY;
            detail = UNAVAILABLE;
        } else {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "An unexpected error occurred";
        }
        if (status.is5xxServerError() && status.value() != 500) {
            log.warn("{} {} → {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), status.value(), ex.toString());
        }
        if (signInUnavailable(exchange, status) && Responses.wantsHtml(exchange.getRequest())) {
            // a browser on its way to Keycloak's login form: "Bad Gateway" would not tell the user what failed
            return Responses.errorPage(exchange, status, SIGN_IN_UNAVAILABLE_TITLE, SIGN_IN_UNAVAILABLE);
        }
        return Responses.error(exchange, status, detail);
    }

    /** Keycloak (the login service, behind Nexus's /keycloak route) refused, dropped or did not answer. */
    private static boolean signInUnavailable(ServerWebExchange exchange, HttpStatusCode status) {
        return RegistryRoutes.KEYCLOAK.equals(exchange.getAttribute(EdgeFilter.SERVICE_ATTR))
                && (status.value() == 502 || status.value() == 504);
    }

    private static boolean isTimeout(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Redis (where sessions live) did not answer: the session cannot be read, so the request cannot be
     * authorised. A 503 — the session itself survives in Redis and works again once it is back.
     */
    private static boolean isSessionStoreFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof io.lettuce.core.RedisException || t instanceof org.springframework.data.redis.RedisConnectionFailureException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
