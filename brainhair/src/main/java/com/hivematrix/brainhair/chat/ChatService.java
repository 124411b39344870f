package com.hivematrix.brainhair.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.brainhair.approval.ApprovalRepository;
import com.hivematrix.brainhair.model.ModelConnection;
import com.hivematrix.brainhair.settings.ModelSettingsStore;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Starting and stopping turns. A message is validated, stored, answered at once with the ids the
 * browser streams or polls, and run on the turn executor.
 */
@Service
public class ChatService {

    public record Send(String message, String sessionId, String ticket, String client) {
    }

    private final ChatRepository chats;
    private final ResponseRepository responses;
    private final ApprovalRepository approvals;
    private final ResponseHub hub;
    private final TurnRunner runner;
    private final ModelSettingsStore settings;
    private final BrainhairProperties props;
    private final ExecutorService executor;
    private final Map<String, TurnHandle> running = new ConcurrentHashMap<>();

    public ChatService(ChatRepository chats, ResponseRepository responses, ApprovalRepository approvals, ResponseHub hub, TurnRunner runner,
            ModelSettingsStore settings, BrainhairProperties props, @Qualifier("turnExecutor") ExecutorService executor) {
        this.chats = chats;
        this.responses = responses;
        this.approvals = approvals;
        this.hub = hub;
        this.runner = runner;
        this.settings = settings;
        this.props = props;
        this.executor = executor;
    }

    public Map<String, Object> send(Caller caller, Send req) {
        String message = req.message() == null ? "" : req.message().trim();
        if (message.isEmpty()) {
            throw ProblemException.badRequest("message is required").with("field", "message");
        }
        if (message.length() > props.maxMessageChars()) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "message is longer than " + props.maxMessageChars() + " characters")
                    .with("field", "message");
        }
        String ticket = bounded(req.ticket(), 50, "ticket");
        String client = bounded(req.client(), 150, "client");
        ModelConnection model = settings.current().orElseThrow(() -> new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                "No AI model is configured. An administrator can connect one under Brainhair settings.").with("error", "model_not_configured"));
        String sessionId = req.sessionId();
        if (sessionId != null && !sessionId.isBlank()) {
            Map<String, Object> session = chats.session(sessionId, caller.username())
                    .orElseThrow(() -> ProblemException.notFound("No chat session " + req.sessionId()));
            ticket = ticket != null ? ticket : (String) session.get("ticket_number");
            client = client != null ? client : (String) session.get("client_account");
        } else {
            sessionId = UUID.randomUUID().toString();
            chats.createSession(sessionId, caller.username(), caller.displayName(), ticket, client, client);
        }
        String responseId = UUID.randomUUID().toString();
        responses.create(responseId, sessionId, caller.username());
        chats.addMessage(sessionId, "user", message, null, null, responseId, "ok", false, null);
        chats.summarise(sessionId, message);
        TurnHandle handle = new TurnHandle();
        running.put(responseId, handle);
        TurnRunner.Turn turn = new TurnRunner.Turn(responseId, sessionId, caller, model, ticket, client);
        try {
            handle.attach(executor.submit(() -> {
                try {
                    runner.run(turn, handle);
                } finally {
                    running.remove(responseId);
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(responseId);
            responses.finish(responseId, "failed", "busy");
            hub.emit(responseId, ResponseHub.DONE, Map.of("status", "failed", "error", "busy"));
            throw ProblemException.serviceUnavailable("Brainhair is answering too many chats at once; try again shortly", 10);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_id", responseId);
        body.put("session_id", sessionId);
        body.put("db_session_id", sessionId);
        return body;
    }

    /** The stop button: cancels the model call or the approval wait; pending approvals become denied. */
    public Map<String, Object> stop(Caller caller, String responseId) {
        Map<String, Object> response = responses.owned(responseId, caller.username())
                .orElseThrow(() -> ProblemException.notFound("No response " + responseId));
        if (!"running".equals(response.get("status"))) {
            throw ProblemException.badRequest("Response already finished").with("status", response.get("status"));
        }
        approvals.denyPending(responseId, caller.username());
        TurnHandle handle = running.get(responseId);
        if (handle != null) {
            handle.cancel();
        } else if (responses.finish(responseId, "stopped", null)) {
            // the turn runs on no instance any more (restart): close the record and its streams
            hub.emit(responseId, "text", Map.of("content", "\n\n_Response stopped by user._"));
            hub.emit(responseId, ResponseHub.DONE, Map.of("status", "stopped"));
        }
        return Map.of("success", true, "message", "Response stopped");
    }

    private static String bounded(String v, int max, String field) {
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > max) {
            throw ProblemException.badRequest(field + " is longer than " + max + " characters").with("field", field);
        }
        return v.trim();
    }
}
