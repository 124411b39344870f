package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import com.hivematrix.shared.problem.ProblemException;

/**
 * The operator CLI's channel (deploy/hivematrix up/down/status/restart): plain text, authorised
 * by the local control secret ({@link ControlAccess}), never by a user token.
 */
@RestController
@RequestMapping("/api/control")
public class ControlController {

    /** Last line of a start-up stream: the CLI's exit status depends on it. */
    static final String READY = "READY";
    static final String NOT_READY = "NOT READY:";

    private final ObjectProvider<SupervisorService> supervisor;
    private final ControlAccess access;

    public ControlController(ObjectProvider<SupervisorService> supervisor, ControlAccess access) {
        this.supervisor = supervisor;
        this.access = access;
    }

    @GetMapping("/status")
    public ResponseEntity<String> status(@RequestHeader(name = ControlAccess.HEADER, required = false) String secret) {
        SupervisorService s = authorised(secret);
        return text(StatusText.table(s.statuses(), s.self(), s.selfStarted()));
    }

    /** Starts everything in order, streaming each state change; ends with READY or NOT READY: names. */
    @PostMapping(path = "/up", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseBodyEmitter up(@RequestHeader(name = ControlAccess.HEADER, required = false) String secret) {
        SupervisorService s = authorised(secret);
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(-1L);
        Thread worker = new Thread(() -> {
            try {
                // where things stand already (Helm may have begun at its own start-up)
                for (ProcessStatus p : s.statuses()) {
                    send(emitter, "    " + p.name() + ": " + p.state().name().toLowerCase()
                            + (p.pid() != null ? " (pid " + p.pid() + ")" : "")
                            + (p.skipReason() != null ? " - " + p.skipReason() : "") + "\n");
                }
                s.startAll(e -> send(emitter, "    " + e + "\n"));
                List<String> notReady = s.statuses().stream()
                        .filter(p -> p.state() != ProcessState.RUNNING && p.state() != ProcessState.SKIPPED)
                        .map(ProcessStatus::name).toList();
                send(emitter, "\n" + StatusText.table(s.statuses(), s.self(), s.selfStarted()));
                send(emitter, notReady.isEmpty() ? READY + "\n" : NOT_READY + " " + String.join(" ", notReady) + "\n");
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
        }, "helm-control-up");
        worker.setDaemon(true);
        worker.start();
        return emitter;
    }

    /** Stops every supervised process (highest start group first); Helm itself is stopped by the caller. */
    @PostMapping("/down")
    public ResponseEntity<String> down(@RequestHeader(name = ControlAccess.HEADER, required = false) String secret) {
        SupervisorService s = authorised(secret);
        s.stopAll();
        return text(StatusText.table(s.statuses(), s.self(), s.selfStarted()));
    }

    /** start|stop|restart one process; answers once it has settled; 409 when it did not end up as asked. */
    @PostMapping("/processes/{name}/{action}")
    public ResponseEntity<String> act(@RequestHeader(name = ControlAccess.HEADER, required = false) String secret,
            @PathVariable String name, @PathVariable String action) {
        SupervisorService s = authorised(secret);
        SupervisorService.Action a = SupervisorService.Action.parse(action);
        ProcessStatus after = s.act(name, a);
        boolean asked = a == SupervisorService.Action.STOP ? after.state() == ProcessState.STOPPED : after.state() == ProcessState.RUNNING;
        String text = StatusText.table(List.of(after), s.self(), s.selfStarted());
        return ResponseEntity.status(asked ? HttpStatus.OK : HttpStatus.CONFLICT).contentType(MediaType.TEXT_PLAIN).body(text);
    }

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body);
    }

    private SupervisorService authorised(String secret) {
        access.check(secret);
        SupervisorService s = supervisor.getIfAvailable();
        if (s == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "this Helm does not supervise processes (hivematrix.helm.supervisor.enabled=false)");
        }
        return s;
    }

    /** One chunk to the CLI; a CLI that went away must not stop start-up, so failures are dropped. */
    private static void send(ResponseBodyEmitter emitter, String text) {
        try {
            emitter.send(text, MediaType.TEXT_PLAIN);
        } catch (IOException | IllegalStateException e) {
            // the client disconnected; start-up goes on regardless
        }
    }
}
