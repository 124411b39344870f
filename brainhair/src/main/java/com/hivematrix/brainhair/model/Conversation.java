package com.hivematrix.brainhair.model;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** The provider-neutral conversation a model call carries; each client maps it to its wire format. */
public final class Conversation {

    private Conversation() {
    }

    public sealed interface Turn permits UserTurn, AssistantTurn, ToolResultsTurn {
    }

    public record UserTurn(String text) implements Turn {
    }

    public record AssistantTurn(String text, List<ToolCall> calls) implements Turn {
        public AssistantTurn {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }
    }

    public record ToolResultsTurn(List<ToolResult> results) implements Turn {
    }

    public record ToolCall(String id, String name, JsonNode arguments) {
    }

    public record ToolResult(String callId, String content, boolean error) {
    }

    /** A tool as the model sees it: name, description, JSON schema of its arguments. */
    public record ToolSpec(String name, String description, JsonNode schema) {
    }

    public record Request(String system, List<Turn> turns, List<ToolSpec> tools) {
    }

    public record Reply(String text, List<ToolCall> calls, String stopReason) {
    }
}
