package com.hivematrix.brainhair.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hivematrix.brainhair.model.Conversation;
import com.hivematrix.brainhair.model.Conversation.AssistantTurn;
import com.hivematrix.brainhair.model.Conversation.ToolCall;
import com.hivematrix.brainhair.model.Conversation.ToolResult;
import com.hivematrix.brainhair.model.Conversation.ToolResultsTurn;
import com.hivematrix.brainhair.model.Conversation.UserTurn;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stored messages → the conversation sent to the model. Failed turns' error text is left out;
 * tool calls without stored results (a stopped turn) are dropped so both APIs accept the history.
 */
final class HistoryMapper {

    private HistoryMapper() {
    }

    static List<Conversation.Turn> turns(List<Map<String, Object>> messages, ObjectMapper json) {
        List<Conversation.Turn> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Map<String, Object> m = messages.get(i);
            String role = (String) m.get("role");
            String content = (String) m.get("content");
            switch (role) {
                case "user" -> {
                    if (!out.isEmpty() && out.get(out.size() - 1) instanceof UserTurn prev) {
                        out.set(out.size() - 1, new UserTurn(prev.text() + "\n\n" + content));
                    } else {
                        out.add(new UserTurn(content));
                    }
                }
                case "assistant" -> {
                    if (!"ok".equals(m.get("status"))) {
                        continue;
                    }
                    boolean answered = i + 1 < messages.size() && "tool".equals(messages.get(i + 1).get("role"));
                    List<ToolCall> calls = answered ? calls(json, (String) m.get("tool_calls")) : List.of();
                    if ((content == null || content.isEmpty()) && calls.isEmpty()) {
                        continue;
                    }
                    out.add(new AssistantTurn(content, calls));
                }
                case "tool" -> {
                    if (!out.isEmpty() && out.get(out.size() - 1) instanceof AssistantTurn a && !a.calls().isEmpty()) {
                        out.add(new ToolResultsTurn(results(json, (String) m.get("tool_results"))));
                    }
                }
                default -> throw new IllegalStateException("Unknown role " + role);
            }
        }
        return out;
    }

    private static List<ToolCall> calls(ObjectMapper json, String stored) {
        List<ToolCall> calls = new ArrayList<>();
        if (stored != null) {
            for (JsonNode c : json.readTree(stored)) {
                calls.add(new ToolCall(c.path("id").asString(), c.path("name").asString(), c.path("arguments")));
            }
        }
        return calls;
    }

    private static List<ToolResult> results(ObjectMapper json, String stored) {
        List<ToolResult> results = new ArrayList<>();
        if (stored != null) {
            for (JsonNode r : json.readTree(stored).path("results")) {
                results.add(new ToolResult(r.path("id").asString(), r.path("content").asString(), r.path("error").asBoolean()));
            }
        }
        return results;
    }
}
