package com.hivematrix.brainhair.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.hivematrix.brainhair.model.Conversation.AssistantTurn;
import com.hivematrix.brainhair.model.Conversation.ToolCall;
import com.hivematrix.brainhair.model.Conversation.ToolResultsTurn;
import com.hivematrix.brainhair.model.Conversation.UserTurn;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Anthropic Messages API ({@code POST /v1/messages}, {@code stream: true}) with native tool use. */
@Component
public class AnthropicClient implements ModelClient {

    static final String VERSION = "2023-06-01";

    private final SseTransport transport;
    private final ObjectMapper json;

    public AnthropicClient(SseTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public Conversation.Reply stream(ModelConnection c, Conversation.Request request, StreamSink sink) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", VERSION);
        if (c.apiKey() != null && !c.apiKey().isBlank()) {
            headers.put("x-api-key", c.apiKey());
        }
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> toolBlocks = new LinkedHashMap<>();
        Map<Integer, StringBuilder> toolInputs = new LinkedHashMap<>();
        String[] stop = {null};
        transport.post(c, "/v1/messages", headers, json.writeValueAsString(body(c, request)), sink, (event, data) -> {
            JsonNode e = json.readTree(data);
            String type = e.path("type").asString("");
            switch (type) {
                case "content_block_start" -> {
                    JsonNode block = e.path("content_block");
                    if ("tool_use".equals(block.path("type").asString())) {
                        int index = e.path("index").asInt();
                        toolBlocks.put(index, new String[] {block.path("id").asString(), block.path("name").asString()});
                        toolInputs.put(index, new StringBuilder());
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = e.path("delta");
                    String dt = delta.path("type").asString("");
                    if ("text_delta".equals(dt)) {
                        String t = delta.path("text").asString("");
                        text.append(t);
                        sink.text(t);
                    } else if ("input_json_delta".equals(dt)) {
                        StringBuilder input = toolInputs.get(e.path("index").asInt());
                        if (input != null) {
                            input.append(delta.path("partial_json").asString(""));
                        }
                    }
                }
                case "message_delta" -> stop[0] = e.path("delta").path("stop_reason").asString(null);
                case "error" -> throw new ModelException(errorKind(e), "The model provider reported an error: "
                        + e.path("error").path("message").asString("unknown"));
                case "message_stop" -> {
                    return false;
                }
                default -> {
                    // ping, message_start, content_block_stop carry nothing we need
                }
            }
            return true;
        });
        List<ToolCall> calls = new ArrayList<>();
        toolBlocks.forEach((index, idName) -> {
            String input = toolInputs.get(index).toString();
            calls.add(new ToolCall(idName[0], idName[1], input.isBlank() ? json.createObjectNode() : json.readTree(input)));
        });
        return new Conversation.Reply(text.toString(), calls, stop[0]);
    }

    private static ModelException.Kind errorKind(JsonNode e) {
        String t = e.path("error").path("type").asString("");
        return t.equals("rate_limit_error") || t.equals("overloaded_error") ? ModelException.Kind.RATE_LIMITED : ModelException.Kind.BAD_RESPONSE;
    }

    ObjectNode body(ModelConnection c, Conversation.Request request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", c.model());
        body.put("max_tokens", c.maxTokens());
        body.put("stream", true);
        if (request.system() != null) {
            body.put("system", request.system());
        }
        ArrayNode messages = body.putArray("messages");
        for (Conversation.Turn turn : request.turns()) {
            ObjectNode m = messages.addObject();
            ArrayNode content = json.createArrayNode();
            if (turn instanceof UserTurn u) {
                m.put("role", "user");
                content.addObject().put("type", "text").put("text", u.text());
            } else if (turn instanceof AssistantTurn a) {
                m.put("role", "assistant");
                if (a.text() != null && !a.text().isEmpty()) {
                    content.addObject().put("type", "text").put("text", a.text());
                }
                for (ToolCall call : a.calls()) {
                    content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name()).set("input", call.arguments());
                }
            } else if (turn instanceof ToolResultsTurn r) {
                m.put("role", "user");
                for (Conversation.ToolResult result : r.results()) {
                    content.addObject().put("type", "tool_result").put("tool_use_id", result.callId())
                            .put("content", result.content()).put("is_error", result.error());
                }
            }
            m.set("content", content);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Conversation.ToolSpec t : request.tools()) {
                tools.addObject().put("name", t.name()).put("description", t.description()).set("input_schema", t.schema());
            }
        }
        return body;
    }
}
