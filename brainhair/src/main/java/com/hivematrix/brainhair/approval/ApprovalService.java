package com.hivematrix.brainhair.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.brainhair.chat.ResponseHub;
import com.hivematrix.brainhair.model.Conversation.ToolCall;
import com.hivematrix.brainhair.redact.CompanyDirectory;
import com.hivematrix.brainhair.tool.ToolContext;
import com.hivematrix.brainhair.tool.ToolException;
import com.hivematrix.brainhair.tool.ToolOutput;
import com.hivematrix.brainhair.tool.ToolRegistry;
import com.hivematrix.brainhair.tool.WriteTool;
import com.hivematrix.brainhair.web.Access;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side approvals. A write tool call becomes a pending record; the chat owner approves or
 * denies it; an approval by a user of the right level runs the action exactly once (the pending →
 * approved transition is a single conditional update) with that user's token, so the target
 * service checks and records the approver. No decision before the deadline = denied.
 */
@Service
public class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);
    /** How long a running approved action may still take after the approval deadline. */
    private static final Duration EXECUTION_GRACE = Duration.ofSeconds(60);

    public record Decision(String status, String decidedBy, JsonNode outcome) {
        public boolean executed() {
            return "executed".equals(status);
        }
    }

    private final ApprovalRepository approvals;
    private final ToolRegistry tools;
    private final ResponseHub hub;
    private final ServiceClient services;
    private final Access access;
    private final BrainhairProperties props;
    private final ObjectMapper json;
    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();

    public ApprovalService(ApprovalRepository approvals, ToolRegistry tools, ResponseHub hub, ServiceClient services, Access access,
            BrainhairProperties props, ObjectMapper json) {
        this.approvals = approvals;
        this.tools = tools;
        this.hub = hub;
        this.services = services;
        this.access = access;
        this.props = props;
        this.json = json;
    }

    /** Records the pending action and announces it on the response's stream. */
    public String request(String sessionId, String responseId, ToolCall call, WriteTool tool, WriteTool.Proposal proposal, Caller requester) {
        String id = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(props.approvalTimeout());
        ObjectNode preview = JsonNodeFactory.instance.objectNode();
        preview.set("before", proposal.before());
        preview.set("after", proposal.after());
        String level = requiredLevels(tool);
        waiting.put(id, new CompletableFuture<>());
        approvals.create(id, sessionId, responseId, call.id(), tool.name(), proposal.action(), json.writeValueAsString(call.arguments()),
                json.writeValueAsString(preview), level, requester.username(), expires);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("approval_id", id);
        event.put("session_id", sessionId);
        event.put("tool", tool.name());
        event.put("action", proposal.action());
        event.put("details", call.arguments());
        event.put("before", proposal.before());
        event.put("after", proposal.after());
        event.put("required_level", level);
        event.put("expires_at", expires.toString());
        hub.emit(responseId, "approval", event);
        return id;
    }

    /** Blocks the turn until the action was executed, failed, denied or timed out (= expired, i.e. denied). */
    public Decision await(String id, BooleanSupplier cancelled) {
        CompletableFuture<Decision> future = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        Instant deadline = Instant.now().plus(props.approvalTimeout());
        try {
            while (true) {
                try {
                    return future.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    Decision stored = stored(id);
                    if (stored != null && !"pending".equals(stored.status()) && !"approved".equals(stored.status())) {
                        return stored;
                    }
                    if (cancelled.getAsBoolean() && approvals.claim(id, "denied", "stopped by user")) {
                        return new Decision("denied", "stopped by user", null);
                    }
                    if (Instant.now().isAfter(deadline) && approvals.claim(id, "expired", null)) {
                        return new Decision("expired", null, null);
                    }
                    if (Instant.now().isAfter(deadline.plus(EXECUTION_GRACE))) {
                        return new Decision("failed", null, JsonNodeFactory.instance.stringNode("The approved action did not finish in time"));
                    }
                }
            }
        } catch (InterruptedException e) {
            // the stop button interrupts the turn; the flag stays cleared so the turn can still record the outcome
            approvals.claim(id, "denied", "stopped by user");
            return new Decision("denied", "stopped by user", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(id);
        }
    }

    private Decision stored(String id) {
        return approvals.state(id).map(r -> new Decision((String) r.get("status"), (String) r.get("decided_by"),
                r.get("outcome") == null ? null : json.readTree((String) r.get("outcome")))).orElse(null);
    }

    /**
     * The chat owner's answer. Another user's id is a 404; a level that may not approve this kind
     * of action is a 403 and the action stays pending; a second decision is a 409.
     */
    public Map<String, Object> decide(String id, Caller caller, boolean approved) {
        Map<String, Object> row = approvals.ownedBy(id, caller.username())
                .orElseThrow(() -> ProblemException.notFound("No approval " + id));
        WriteTool tool = tools.find((String) row.get("tool_name")).filter(WriteTool.class::isInstance).map(WriteTool.class::cast)
                .orElseThrow(() -> ProblemException.conflict("The tool of this approval no longer exists"));
        String responseId = (String) row.get("response_id");
        if (!approved) {
            if (!approvals.claim(id, "denied", caller.username())) {
                throw ProblemException.conflict("This approval was already decided or has expired").with("status", stored(id).status());
            }
            finish(id, responseId, new Decision("denied", caller.username(), null));
            return Map.of("success", true, "approved", false, "status", "denied");
        }
        if (!mayApprove(tool, caller)) {
            throw ProblemException.forbidden("Approving " + tool.name() + " needs one of the levels: " + row.get("required_level"))
                    .with("required_level", row.get("required_level"));
        }
        if (!approvals.claim(id, "approved", caller.username())) {
            throw ProblemException.conflict("This approval was already decided or has expired").with("status", stored(id).status());
        }
        hub.emit(responseId, "approval_decided", Map.of("approval_id", id, "status", "approved", "decided_by", caller.username()));
        Decision decision = execute(id, tool, (String) row.get("arguments"), (String) row.get("session_id"), caller);
        finish(id, responseId, decision);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", decision.executed());
        body.put("approved", true);
        body.put("status", decision.status());
        body.put("outcome", decision.outcome());
        return body;
    }

    private Decision execute(String id, WriteTool tool, String argsJson, String sessionId, Caller approver) {
        ToolContext ctx = new ToolContext(approver, services.asUser(approver.token()), sessionId, CompanyDirectory.NONE);
        Decision decision;
        try {
            ToolOutput out = tool.apply(ctx, json.readTree(argsJson));
            decision = new Decision("executed", approver.username(), out.data());
        } catch (ToolException | ProblemException e) {
            String detail = e instanceof ProblemException p ? p.getBody().getDetail() : e.getMessage();
            decision = new Decision("failed", approver.username(), JsonNodeFactory.instance.objectNode().put("error", detail));
        } catch (RuntimeException e) {
            log.warn("Approved action {} ({}) failed", id, tool.name(), e);
            decision = new Decision("failed", approver.username(), JsonNodeFactory.instance.objectNode().put("error", "The action failed"));
        }
        approvals.outcome(id, decision.status(), json.writeValueAsString(decision.outcome()));
        return decision;
    }

    private void finish(String id, String responseId, Decision decision) {
        hub.emit(responseId, "approval_decided", Map.of("approval_id", id, "status", decision.status(),
                "decided_by", decision.decidedBy() == null ? "" : decision.decidedBy()));
        CompletableFuture<Decision> f = waiting.get(id);
        if (f != null) {
            f.complete(decision);
        }
    }

    private boolean mayApprove(WriteTool tool, Caller caller) {
        return tool.approval() == WriteTool.Approval.BILLING ? access.mayApproveBilling(caller) : access.chat(caller);
    }

    private String requiredLevels(WriteTool tool) {
        return String.join(",", tool.approval() == WriteTool.Approval.BILLING ? props.billingWriteLevels() : props.chatLevels());
    }
}
