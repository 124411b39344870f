package com.hivematrix.brainhair.chat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.brainhair.approval.ApprovalService;
import com.hivematrix.brainhair.model.AnthropicClient;
import com.hivematrix.brainhair.model.Conversation;
import com.hivematrix.brainhair.model.Conversation.ToolCall;
import com.hivematrix.brainhair.model.Conversation.ToolResult;
import com.hivematrix.brainhair.model.ModelClient;
import com.hivematrix.brainhair.model.ModelConnection;
import com.hivematrix.brainhair.model.ModelException;
import com.hivematrix.brainhair.model.OpenAiClient;
import com.hivematrix.brainhair.redact.CodexDirectory;
import com.hivematrix.brainhair.redact.ComplianceLevel;
import com.hivematrix.brainhair.redact.EntityType;
import com.hivematrix.brainhair.redact.Redactor;
import com.hivematrix.brainhair.tool.ReadTool;
import com.hivematrix.brainhair.tool.Tool;
import com.hivematrix.brainhair.tool.ToolContext;
import com.hivematrix.brainhair.tool.ToolException;
import com.hivematrix.brainhair.tool.ToolOutput;
import com.hivematrix.brainhair.tool.ToolRegistry;
import com.hivematrix.brainhair.tool.WriteTool;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One turn of the tool loop: call the model with the whole conversation (text, tool calls and
 * tool results), run the tools it asks for as the chatting user, redact every result before the
 * model sees it, persist each step in order, and stream each step to the browser.
 */
@Component
public class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    /** What one turn needs from the request that started it. */
    public record Turn(String responseId, String sessionId, Caller caller, ModelConnection model, String ticket, String client) {
    }

    private record ToolRun(ToolResult result, Set<EntityType> filtered, ComplianceLevel level) {
    }

    private final ChatRepository chats;
    private final ResponseRepository responses;
    private final ResponseHub hub;
    private final ToolRegistry tools;
    private final ApprovalService approvals;
    private final Redactor redactor;
    private final ServiceClient services;
    private final AnthropicClient anthropic;
    private final OpenAiClient openAi;
    private final BrainhairProperties props;
    private final ObjectMapper json;

    public TurnRunner(ChatRepository chats, ResponseRepository responses, ResponseHub hub, ToolRegistry tools, ApprovalService approvals,
            Redactor redactor, ServiceClient services, AnthropicClient anthropic, OpenAiClient openAi, BrainhairProperties props,
            ObjectMapper json) {
        this.chats = chats;
        this.responses = responses;
        this.hub = hub;
        this.tools = tools;
        this.approvals = approvals;
        this.redactor = redactor;
        this.services = services;
        this.anthropic = anthropic;
        this.openAi = openAi;
        this.props = props;
        this.json = json;
    }

    void run(Turn turn, TurnHandle handle) {
        ServiceClient asUser = services.asUser(turn.caller().token());
        ToolContext ctx = new ToolContext(turn.caller(), asUser, turn.sessionId(), new CodexDirectory(asUser));
        ModelClient client = turn.model().provider() == ModelConnection.Provider.ANTHROPIC ? anthropic : openAi;
        List<Conversation.Turn> conversation = HistoryMapper.turns(chats.messages(turn.sessionId()), json);
        StringBuilder streamed = new StringBuilder();
        try {
            for (int round = 0; round < props.maxToolRounds(); round++) {
                streamed.setLength(0);
                Conversation.Reply reply = client.stream(turn.model(),
                        new Conversation.Request(SystemPrompt.build(turn), conversation, tools.specs()),
                        handle.sink(delta -> {
                            streamed.append(delta);
                            hub.emit(turn.responseId(), "text", Map.of("content", delta));
                        }));
                chats.addMessage(turn.sessionId(), "assistant", reply.text(), reply.calls().isEmpty() ? null : callsJson(reply.calls()), null,
                        turn.responseId(), "ok", false, null);
                conversation.add(new Conversation.AssistantTurn(reply.text(), reply.calls()));
                if (reply.calls().isEmpty()) {
                    finish(turn, "done", null);
                    return;
                }
                List<ToolResult> results = new ArrayList<>();
                Set<EntityType> filtered = EnumSet.noneOf(EntityType.class);
                ComplianceLevel level = ComplianceLevel.STANDARD;
                for (ToolCall call : reply.calls()) {
                    hub.emit(turn.responseId(), "tool_call", Map.of("id", call.id(), "name", String.valueOf(call.name()), "arguments", call.arguments()));
                    ToolRun run = runTool(turn, ctx, call, handle);
                    results.add(run.result());
                    filtered.addAll(run.filtered());
                    level = level.stricter(run.level());
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("id", call.id());
                    event.put("name", String.valueOf(call.name()));
                    event.put("content", run.result().content());
                    event.put("error", run.result().error());
                    event.put("was_filtered", !run.filtered().isEmpty());
                    hub.emit(turn.responseId(), "tool_result", event);
                }
                if (handle.cancelled()) {
                    throw new ModelException(ModelException.Kind.CANCELLED, "Response stopped by user.");
                }
                chats.addMessage(turn.sessionId(), "tool", "", null, resultsJson(results, filtered), turn.responseId(), "ok", !filtered.isEmpty(),
                        filtered.isEmpty() ? null : level.filterType());
                conversation.add(new Conversation.ToolResultsTurn(results));
            }
            String note = "\n\n_Stopped after " + props.maxToolRounds() + " tool rounds._";
            hub.emit(turn.responseId(), "text", Map.of("content", note));
            chats.addMessage(turn.sessionId(), "assistant", note.trim(), null, null, turn.responseId(), "failed", false, null);
            finish(turn, "failed", "Too many tool rounds");
        } catch (ModelException e) {
            // a stop interrupts this thread; clear the flag or the pool refuses the connections needed to record the stop
            Thread.interrupted();
            boolean stopped = e.kind() == ModelException.Kind.CANCELLED || handle.cancelled();
            String text = stopped ? "_Response stopped by user._" : "[Error: " + e.getMessage() + "]";
            String partial = streamed.toString();
            hub.emit(turn.responseId(), stopped ? "text" : "turn_error", Map.of("content", (partial.isEmpty() ? "" : "\n\n") + text, "message", text));
            chats.addMessage(turn.sessionId(), "assistant", partial.isEmpty() ? text : partial + "\n\n" + text, null, null, turn.responseId(),
                    stopped ? "stopped" : "failed", false, null);
            finish(turn, stopped ? "stopped" : "failed", stopped ? null : e.getMessage());
        } catch (RuntimeException e) {
            Thread.interrupted();
            log.error("Turn {} failed", turn.responseId(), e);
            String text = "[Error: the assistant failed unexpectedly]";
            hub.emit(turn.responseId(), "turn_error", Map.of("content", text, "message", text));
            chats.addMessage(turn.sessionId(), "assistant", text, null, null, turn.responseId(), "failed", false, null);
            finish(turn, "failed", "internal error");
        }
    }

    private void finish(TurnRunner.Turn turn, String status, String error) {
        responses.finish(turn.responseId(), status, error);
        hub.emit(turn.responseId(), ResponseHub.DONE, error == null ? Map.of("status", status) : Map.of("status", status, "error", error));
    }

    private ToolRun runTool(Turn turn, ToolContext ctx, ToolCall call, TurnHandle handle) {
        Tool tool = call.name() == null ? null : tools.find(call.name()).orElse(null);
        if (tool == null) {
            return error(call, "Unknown tool: " + call.name());
        }
        try {
            ToolOutput out;
            String prefix = "";
            if (tool instanceof ReadTool read) {
                out = read.run(ctx, call.arguments());
            } else {
                WriteTool write = (WriteTool) tool;
                WriteTool.Proposal proposal = write.propose(ctx, call.arguments());
                String id = approvals.request(turn.sessionId(), turn.responseId(), call, write, proposal, turn.caller());
                ApprovalService.Decision decision = approvals.await(id, handle::cancelled);
                switch (decision.status()) {
                    case "executed" -> {
                        out = new ToolOutput(decision.outcome(), proposal.accountNumber());
                        prefix = "Approved by " + decision.decidedBy() + " and executed. Result: ";
                    }
                    case "denied" -> {
                        return plain(call, "The user denied this action; it was not performed.", true);
                    }
                    case "expired" -> {
                        return plain(call, "No decision within " + props.approvalTimeout().toSeconds()
                                + " s; the action was treated as denied and not performed.", true);
                    }
                    default -> {
                        return plain(call, "The approved action failed: " + decision.outcome(), true);
                    }
                }
            }
            Redactor.Result redacted = redactor.redact(out.data() == null ? JsonNodeFactory.instance.nullNode() : out.data(),
                    out.accountNumber(), ctx.directory());
            return new ToolRun(new ToolResult(call.id(), prefix + json.writeValueAsString(redacted.value()), false), redacted.filtered(),
                    redacted.level());
        } catch (ToolException e) {
            return error(call, e.getMessage());
        } catch (ProblemException e) {
            return error(call, e.getBody().getDetail());
        } catch (RuntimeException e) {
            log.warn("Tool {} failed", call.name(), e);
            return error(call, "The tool failed: " + e.getClass().getSimpleName());
        }
    }

    private static ToolRun error(ToolCall call, String message) {
        return plain(call, "Error: " + message, true);
    }

    private static ToolRun plain(ToolCall call, String text, boolean error) {
        return new ToolRun(new ToolResult(call.id(), text, error), Set.of(), ComplianceLevel.STANDARD);
    }

    private String callsJson(List<ToolCall> calls) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        calls.forEach(c -> a.addObject().put("id", c.id()).put("name", c.name()).set("arguments", c.arguments()));
        return json.writeValueAsString(a);
    }

    private String resultsJson(List<ToolResult> results, Set<EntityType> filtered) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        results.forEach(r -> a.addObject().put("id", r.callId()).put("content", r.content()).put("error", r.error()));
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set("results", a);
        ArrayNode types = wrapper.putArray("filtered_entities");
        filtered.forEach(t -> types.add(t.name()));
        return json.writeValueAsString(wrapper);
    }
}
