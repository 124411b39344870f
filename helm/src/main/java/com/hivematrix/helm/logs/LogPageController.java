package com.hivematrix.helm.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.hivematrix.shared.registry.ServiceRegistry;

/** The live log viewer (admins only) and its event stream. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class LogPageController {

    static final int BACKLOG = 200;

    private final LogStore store;
    private final LogStream stream;
    private final ServiceRegistry registry;

    public LogPageController(LogStore store, LogStream stream, ServiceRegistry registry) {
        this.store = store;
        this.stream = stream;
        this.registry = registry;
    }

    @GetMapping("/logs")
    public String page(@RequestParam(required = false) String service, @RequestParam(required = false) String level,
            @RequestParam(name = "trace_id", required = false) String traceId,
            @RequestParam(required = false) String user, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("services", registry.all().stream().map(s -> s.name()).toList());
        model.addAttribute("levels", LogLevel.LEVELS);
        model.addAttribute("service", service);
        model.addAttribute("level", level);
        model.addAttribute("traceId", traceId);
        model.addAttribute("user", user);
        model.addAttribute("q", q);
        return "logs/live";
    }

    /**
     * {@code text/event-stream} of {@code log} events matching the filters: first the newest
     * {@value #BACKLOG} (or everything after {@code after_id} / Last-Event-ID), then live entries.
     */
    @GetMapping(path = "/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    public SseEmitter stream(@RequestParam(required = false) String service, @RequestParam(required = false) String level,
            @RequestParam(name = "trace_id", required = false) String traceId,
            @RequestParam(required = false) String user, @RequestParam(required = false) String q,
            @RequestParam(name = "after_id", required = false) Long afterId,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
        LogFilter filter = new LogFilter(blank(service), LogApiController.levels(level), blank(traceId), blank(user), blank(q));
        Long cursor = lastEventId != null ? lastEventId : afterId;
        return stream.subscribe(filter, () -> {
            List<LogEntryView> backlog = new ArrayList<>(store.query(filter.toQuery(cursor, cursor != null ? 1000 : BACKLOG)));
            backlog.sort(Comparator.comparingLong(LogEntryView::id));
            return backlog;
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
