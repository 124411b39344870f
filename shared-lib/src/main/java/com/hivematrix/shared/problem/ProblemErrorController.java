package com.hivematrix.shared.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponse;

/**
 * Errors raised outside controllers (filters, the container) reach /error; answer them with a
 * problem too, so no caller ever sees the framework's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ErrorResponse raised = findErrorResponse((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (raised != null) {
            ProblemDetail body = Problems.normalise(raised.getBody(), originalPath(request));
            return ResponseEntity.status(raised.getStatusCode()).headers(raised.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer i ? HttpStatusCode.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? null : (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        ProblemDetail problem = Problems.normalise(Problems.of(status, detail), originalPath(request));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null ? uri.toString() : request.getRequestURI();
    }

    /** An exception that knows its own status (e.g. identity unavailable → 503) keeps it. */
    private static ErrorResponse findErrorResponse(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            if (cur instanceof ErrorResponse er) {
                return er;
            }
        }
        return null;
    }
}
