package com.hivematrix.brainhair.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted model on WireMock: each call to the provider's endpoint answers with the next
 * streamed reply, shaped as the provider documents its server-sent events (Anthropic Messages
 * API stream events; OpenAI chat.completion.chunk lines ending in [DONE]).
 */
public final class ModelScript {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Format { ANTHROPIC, OPENAI }

    /** One reply: optional text, then optional tool calls (id, name, JSON arguments). */
    public record Reply(String text, List<String[]> calls) {
        public static Reply text(String text) {
            return new Reply(text, List.of());
        }

        public static Reply tool(String text, String id, String name, String argsJson) {
            List<String[]> calls = new ArrayList<>();
            calls.add(new String[] {id, name, argsJson});
            return new Reply(text, calls);
        }
    }

    private ModelScript() {
    }

    /** Stubs the replies in order; the last one repeats if the model is called more often. */
    public static void script(WireMockServer wm, Format format, Reply... replies) {
        String path = format == Format.ANTHROPIC ? "/v1/messages" : "/v1/chat/completions";
        String scenario = "script-" + System.nanoTime();
        for (int i = 0; i < replies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            var stub = post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                            .withBody(format == Format.ANTHROPIC ? anthropic(replies[i], i) : openAi(replies[i], i)));
            if (i + 1 < replies.length) {
                stub = stub.willSetStateTo("step-" + (i + 1));
            }
            wm.stubFor(stub);
        }
    }

    public static String body(Format format, Reply reply) {
        return format == Format.ANTHROPIC ? anthropic(reply, 0) : openAi(reply, 0);
    }

    static String anthropic(Reply r, int n) {
        StringBuilder b = new StringBuilder();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.putObject("message").put("id", "msg_" + n).put("type", "message").put("role", "assistant").put("model", "claude-test")
                .putArray("content");
        event(b, "message_start", start);
        int index = 0;
        if (r.text() != null) {
            event(b, "content_block_start", JSON.readTree("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            // split the text in two deltas, as streaming does
            int half = r.text().length() / 2;
            for (String part : new String[] {r.text().substring(0, half), r.text().substring(half)}) {
                ObjectNode d = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                d.putObject("delta").put("type", "text_delta").put("text", part);
                event(b, "content_block_delta", d);
            }
            event(b, "content_block_stop", JSON.readTree("{\"type\":\"content_block_stop\",\"index\":0}"));
            index = 1;
        }
        for (String[] call : r.calls()) {
            ObjectNode s = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            s.putObject("content_block").put("type", "tool_use").put("id", call[0]).put("name", call[1]).putObject("input");
            event(b, "content_block_start", s);
            int cut = call[2].length() / 2;
            for (String part : new String[] {call[2].substring(0, cut), call[2].substring(cut)}) {
                ObjectNode d = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
                d.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
                event(b, "content_block_delta", d);
            }
            event(b, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", r.calls().isEmpty() ? "end_turn" : "tool_use");
        event(b, "message_delta", delta);
        event(b, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return b.toString();
    }

    static String openAi(Reply r, int n) {
        StringBuilder b = new StringBuilder();
        if (r.text() != null) {
            int half = r.text().length() / 2;
            for (String part : new String[] {r.text().substring(0, half), r.text().substring(half)}) {
                ObjectNode c = chunk(n);
                c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", part);
                data(b, c);
            }
        }
        int index = 0;
        for (String[] call : r.calls()) {
            ObjectNode first = chunk(n);
            ObjectNode tc = first.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                    .putArray("tool_calls").addObject().put("index", index).put("id", call[0]).put("type", "function");
            tc.putObject("function").put("name", call[1]).put("arguments", "");
            data(b, first);
            int cut = call[2].length() / 2;
            for (String part : new String[] {call[2].substring(0, cut), call[2].substring(cut)}) {
                ObjectNode c = chunk(n);
                c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").putArray("tool_calls")
                        .addObject().put("index", index).putObject("function").put("arguments", part);
                data(b, c);
            }
            index++;
        }
        ObjectNode end = chunk(n);
        end.withArray("choices").addObject().put("index", 0).put("finish_reason", r.calls().isEmpty() ? "stop" : "tool_calls").putObject("delta");
        data(b, end);
        b.append("data: [DONE]\n\n");
        return b.toString();
    }

    private static ObjectNode chunk(int n) {
        return JSON.createObjectNode().put("id", "chatcmpl-" + n).put("object", "chat.completion.chunk").put("model", "gpt-test");
    }

    private static void event(StringBuilder b, String name, Object data) {
        b.append("event: ").append(name).append('\n').append("data: ").append(JSON.writeValueAsString(data)).append("\n\n");
    }

    private static void data(StringBuilder b, Object data) {
        b.append("data: ").append(JSON.writeValueAsString(data)).append("\n\n");
    }
}
