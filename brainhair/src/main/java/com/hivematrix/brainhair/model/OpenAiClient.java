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

/**
 * OpenAI-compatible chat completions ({@code POST <base>/chat/completions}, {@code stream: true},
 * function tools) — OpenAI, Ollama, vLLM, llama.cpp server. The base URL includes {@code /v1}.
 */
@Component
public class OpenAiClient implements ModelClient {

    private final SseTransport transport;
    private final ObjectMapper json;

    public OpenAiClient(SseTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public Conversation.Reply stream(ModelConnection c, Conversation.Request request, StreamSink sink) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.apiKey() != null && !c.apiKey().isBlank()) {
            headers.put("Authorization", "Bearer " + c.apiKey());
        }
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> calls = new LinkedHashMap<>();
        Map<Integer, StringBuilder> args = new LinkedHashMap<>();
        String[] stop = {null};
        transport.post(c, "/chat/completions", headers, json.writeValueAsString(body(c, request)), sink, (event, data) -> {
            if ("[DONE]".equals(data.trim())) {
                return false;
            }
            JsonNode e = json.readTree(data);
            if (e.has("error")) {
                throw new ModelException(ModelException.Kind.BAD_RESPONSE, "The model provider reported an error: "
                        + e.path("error").path("message").asString("unknown"));
            }
            for (JsonNode choice : e.path("choices")) {
                JsonNode delta = choice.path("delta");
                String t = delta.path("content").asString("");
                if (!t.isEmpty()) {
                    text.append(t);
                    sink.text(t);
                }
                for (JsonNode tc : delta.path("tool_calls")) {
                    int index = tc.path("index").asInt(calls.size());
                    String[] idName = calls.computeIfAbsent(index, i -> new String[2]);
                    if (tc.hasNonNull("id")) {
                        idName[0] = tc.path("id").asString();
                    }
                    if (tc.path("function").hasNonNull("name")) {
                        idName[1] = tc.path("function").path("name").asString();
                    }
                    args.computeIfAbsent(index, i -> new StringBuilder()).append(tc.path("function").path("arguments").asString(""));
                }
                if (choice.hasNonNull("finish_reason")) {
                    stop[0] = choice.path("finish_reason").asString();
                }
            }
            return true;
        });
        List<ToolCall> result = new ArrayList<>();
        calls.forEach((index, idName) -> {
            String a = args.getOrDefault(index, new StringBuilder()).toString();
            String id = idName[0] != null ? idName[0] : "call_" + index;
            result.add(new ToolCall(id, idName[1], a.isBlank() ? json.createObjectNode() : json.readTree(a)));
        });
        return new Conversation.Reply(text.toString(), result, stop[0]);
    }

    ObjectNode body(ModelConnection c, Conversation.Request request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", c.model());
        body.put("max_tokens", c.maxTokens());
        body.put("stream", true);
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (Conversation.Turn turn : request.turns()) {
            if (turn instanceof UserTurn u) {
                messages.addObject().put("role", "user").put("content", u.text());
            } else if (turn instanceof AssistantTurn a) {
                ObjectNode m = messages.addObject().put("role", "assistant");
                m.put("content", a.text() == null ? "" : a.text());
                if (!a.calls().isEmpty()) {
                    ArrayNode tcs = m.putArray("tool_calls");
                    for (ToolCall call : a.calls()) {
                        ObjectNode tc = tcs.addObject().put("id", call.id()).put("type", "function");
                        tc.putObject("function").put("name", call.name()).put("arguments", json.writeValueAsString(call.arguments()));
                    }
                }
            } else if (turn instanceof ToolResultsTurn r) {
                for (Conversation.ToolResult result : r.results()) {
                    messages.addObject().put("role", "tool").put("tool_call_id", result.callId()).put("content", result.content());
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Conversation.ToolSpec t : request.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", t.name()).put("description", t.description()).set("parameters", t.schema());
            }
        }
        return body;
    }
}
