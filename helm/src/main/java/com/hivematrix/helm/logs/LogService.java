package com.hivematrix.helm.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import com.hivematrix.helm.web.HelmAccess;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/** Ingest: validate the whole batch, store it in one COPY, then push it to live viewers. */
@Service
public class LogService {

    private final LogStore store;
    private final LogStream stream;

    public LogService(LogStore store, LogStream stream) {
        this.store = store;
        this.stream = stream;
    }

    public record IngestResult(String service, int ingested) {
    }

    public IngestResult ingest(JsonNode body, Authentication auth) {
        String named = LogBatchParser.serviceName(body);
        String caller = HelmAccess.callingService(auth).orElse(null);
        String service;
        if (caller != null) {
            // a service ships its own logs: it may omit the name (the original used calling_service)
            // but not claim another service's; Helm's own token (the operator CLI) may name any
            if (named != null && !named.equals(caller) && !HelmAccess.SELF.equals(caller)) {
                throw new ProblemException(HttpStatus.FORBIDDEN,
                        "A service token for '" + caller + "' cannot ingest logs as '" + named + "'")
                        .with("error", "service_name does not match the calling service");
            }
            service = named != null ? named : caller;
            if (!LogBatchParser.SERVICE_NAME.matcher(service).matches()) {
                throw LogBatchParser.field(HttpStatus.BAD_REQUEST, "service_name", "must match " + LogBatchParser.SERVICE_NAME.pattern());
            }
        } else {
            if (named == null) {
                throw LogBatchParser.field(HttpStatus.BAD_REQUEST, "service_name", "is required");
            }
            service = named;
        }
        List<NewLogEntry> entries = LogBatchParser.entries(body, Instant.now());
        long[] ids = store.insert(service, entries);
        if (stream.subscriberCount() > 0) {
            List<LogEntryView> views = new ArrayList<>(entries.size());
            for (int i = 0; i < ids.length; i++) {
                views.add(LogEntryView.of(ids[i], service, entries.get(i)));
            }
            stream.publish(views);
        }
        return new IngestResult(service, entries.size());
    }
}
