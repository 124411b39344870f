package com.hivematrix.shared.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error a controller can raise into a problem in the platform's shape. Framework
 * errors keep their status: a 405 stays a 405 (the original's catch-all made it a 500).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(fieldError(ge.getObjectName(), ge.getDefaultMessage())));
        return unprocessable(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(e -> errors.add(fieldError(name, e.getDefaultMessage())));
        });
        return unprocessable(errors, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
            errors.add(fieldError(field, v.getMessage()));
        });
        return unprocessable(errors, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, null, request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
        return problem(HttpStatus.UNAUTHORIZED, null, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (databaseUnavailable(ex)) {
            // a database outage is the service being unavailable, not a bug: 503 with a retry hint
            log.warn("Database unavailable on {}: {}", path(request), ex.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return createResponseEntity(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly"),
                    headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        log.error("Unhandled error on {}", path(request), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, null, request);
    }

    /**
     * No connection to the database (the pool timed out waiting for one, or the server went away):
     * JDBC's transient-connection exception, SQL state class 08 (connection exception) / 57P0x
     * (server shutting down or starting), or the pool's closed-connection error anywhere in the cause chain.
     */
    static boolean databaseUnavailable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // HikariCP's answer (no SQL state) when a transaction is rolled back on a connection the
            // server already dropped: it hides the original connection failure
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        Object normalised = body instanceof ProblemDetail pd ? Problems.normalise(pd, path(request)) : body;
        return super.createResponseEntity(normalised, headers, statusCode, request);
    }

    private ResponseEntity<Object> unprocessable(List<Map<String, String>> errors, WebRequest request) {
        ProblemDetail pd = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed: " + describe(errors));
        pd.setProperty("errors", errors);
        return createResponseEntity(pd, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, WebRequest request) {
        return createResponseEntity(Problems.of(status, detail), new HttpHeaders(), status, request);
    }

    private static String describe(List<Map<String, String>> errors) {
        return String.join(", ", errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList());
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }

    private static String path(WebRequest request) {
        if (request instanceof ServletWebRequest swr) {
            HttpServletRequest r = swr.getRequest();
            return r.getRequestURI();
        }
        return null;
    }
}
