package com.hivematrix.brainhair.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hivematrix.brainhair.approval.ApprovalRepository;
import com.hivematrix.brainhair.web.Access;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.ObjectMapper;

/**
 * The chat API (§B8 paths kept): send, stream (SSE), poll (compatibility), stop, titles, history,
 * search, delete. Every id is looked up with the caller as owner: someone else's id is a 404.
 */
@RestController
@PreAuthorize(Access.CHAT)
public class ChatApiController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatRequest(String message, String session_id, String db_session_id, String ticket, String client) {
    }

    public record TitleRequest(String title) {
    }

    private final ChatService chat;
    private final ChatRepository chats;
    private final ResponseRepository responses;
    private final ApprovalRepository approvals;
    private final ResponseHub hub;
    private final ObjectMapper json;

    public ChatApiController(ChatService chat, ChatRepository chats, ResponseRepository responses, ApprovalRepository approvals,
            ResponseHub hub, ObjectMapper json) {
        this.chat = chat;
        this.chats = chats;
        this.responses = responses;
        this.approvals = approvals;
        this.hub = hub;
        this.json = json;
    }

    @PostMapping("/api/chat")
    @Operation(summary = "Send a message; answers at once with the response id to stream or poll")
    public Map<String, Object> send(@RequestBody(required = false) ChatRequest req, Authentication auth) {
        if (req == null) {
            throw ProblemException.badRequest("message is required").with("field", "message");
        }
        String session = req.db_session_id() != null && !req.db_session_id().isBlank() ? req.db_session_id() : req.session_id();
        return chat.send(Caller.of(auth), new ChatService.Send(req.message(), session, req.ticket(), req.client()));
    }

    @GetMapping("/api/chat/stream/{responseId}")
    @Operation(summary = "The response as server-sent events: text, tool_call, tool_result, approval, approval_decided, turn_error, done")
    public SseEmitter stream(@PathVariable String responseId, @RequestParam(defaultValue = "0") int after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, Authentication auth) {
        owned(responseId, auth);
        int from = after;
        if (lastEventId != null && lastEventId.matches("\\d{1,9}")) {
            from = Math.max(from, Integer.parseInt(lastEventId));
        }
        return hub.subscribe(responseId, from);
    }

    @GetMapping("/api/chat/poll/{responseId}")
    @Operation(summary = "The original's polling endpoint: chunks since offset")
    public Map<String, Object> poll(@PathVariable String responseId, @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        Map<String, Object> response = owned(responseId, auth);
        List<Map<String, Object>> chunks = new ArrayList<>();
        int last = offset;
        boolean done = false;
        for (Map<String, Object> e : responses.events(responseId, Math.max(0, offset))) {
            last = ((Number) e.get("seq")).intValue();
            String type = (String) e.get("type");
            Map<String, Object> payload = json.readValue((String) e.get("payload"), Map.class);
            Map<String, Object> chunk = new LinkedHashMap<>();
            switch (type) {
                case "text" -> {
                    chunk.put("type", "chunk");
                    chunk.put("content", payload.get("content"));
                }
                case "turn_error" -> {
                    chunk.put("type", "chunk");
                    chunk.put("content", payload.get("content"));
                }
                case "approval" -> {
                    chunk.put("type", "approval_request");
                    chunk.putAll(payload);
                }
                case ResponseHub.DONE -> done = true;
                default -> {
                    chunk.put("type", type);
                    chunk.putAll(payload);
                }
            }
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chunks", chunks);
        body.put("offset", last);
        body.put("done", done);
        body.put("error", response.get("error"));
        body.put("session_id", response.get("session_id"));
        return body;
    }

    @PostMapping("/api/chat/stop/{responseId}")
    @Operation(summary = "Stop a running response: cancels the model call; pending approvals are denied")
    public Map<String, Object> stop(@PathVariable String responseId, Authentication auth) {
        return chat.stop(Caller.of(auth), responseId);
    }

    @PutMapping("/api/chat/session/{sessionId}/title")
    public Map<String, Object> title(@PathVariable String sessionId, @RequestBody(required = false) TitleRequest req, Authentication auth) {
        String title = req == null || req.title() == null ? "" : req.title().trim();
        if (title.length() < 3 || title.length() > 100) {
            throw ProblemException.badRequest("title must be 3 to 100 characters").with("field", "title");
        }
        if (!chats.setTitle(sessionId, Caller.of(auth).username(), title)) {
            throw ProblemException.notFound("No chat session " + sessionId);
        }
        return Map.of("success", true, "session_id", sessionId, "title", title);
    }

    @DeleteMapping("/api/chat/session/{sessionId}")
    @Transactional
    @Operation(summary = "Delete a stored chat with its messages, responses and approval records")
    public Map<String, Object> delete(@PathVariable String sessionId, Authentication auth) {
        if (!chats.delete(sessionId, Caller.of(auth).username())) {
            throw ProblemException.notFound("No chat session " + sessionId);
        }
        return Map.of("status", "deleted", "session_id", sessionId);
    }

    @GetMapping("/api/chat/history")
    public Map<String, Object> history(@RequestParam(required = false) String ticket, @RequestParam(required = false) String client,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        int l = Math.max(1, Math.min(100, limit));
        int o = Math.max(0, offset);
        String user = Caller.of(auth).username();
        String t = blankToNull(ticket);
        String c = blankToNull(client);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessions", chats.history(user, t, c, l, o).stream().map(Views::session).toList());
        body.put("total", chats.count(user, t, c));
        body.put("limit", l);
        body.put("offset", o);
        return body;
    }

    @GetMapping("/api/chat/history/search")
    public Map<String, Object> search(@RequestParam(required = false) String q, @RequestParam(required = false) String ticket,
            @RequestParam(defaultValue = "20") int limit, Authentication auth) {
        if (q == null || q.isBlank()) {
            throw ProblemException.badRequest("q is required").with("field", "q");
        }
        if (q.length() > 200) {
            throw ProblemException.badRequest("q is longer than 200 characters").with("field", "q");
        }
        List<Map<String, Object>> sessions = chats.search(Caller.of(auth).username(), q.trim(), blankToNull(ticket),
                Math.max(1, Math.min(50, limit))).stream().map(Views::session).toList();
        return Map.of("sessions", sessions, "query", q.trim(), "count", sessions.size());
    }

    @GetMapping("/api/chat/history/{sessionId}")
    public Map<String, Object> session(@PathVariable String sessionId, Authentication auth) {
        Map<String, Object> row = chats.session(sessionId, Caller.of(auth).username())
                .orElseThrow(() -> ProblemException.notFound("No chat session " + sessionId));
        Map<String, Object> body = Views.session(row);
        body.put("messages", chats.messages(sessionId).stream().map(m -> Views.message(m, json)).toList());
        body.put("approvals", approvals.forSession(sessionId).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>(a);
            m.put("preview", a.get("preview") == null ? null : json.readTree((String) a.get("preview")));
            for (String k : List.of("requested_at", "expires_at", "decided_at")) {
                m.put(k, Views.iso(a.get(k)));
            }
            return m;
        }).toList());
        return body;
    }

    private Map<String, Object> owned(String responseId, Authentication auth) {
        return responses.owned(responseId, Caller.of(auth).username())
                .orElseThrow(() -> ProblemException.notFound("No response " + responseId));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
