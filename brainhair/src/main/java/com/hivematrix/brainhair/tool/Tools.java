package com.hivematrix.brainhair.tool;

import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;

/** Factories for tool beans declared as {@code @Bean} methods, one per capability. */
public final class Tools {

    private Tools() {
    }

    public interface Proposer {
        WriteTool.Proposal propose(ToolContext ctx, JsonNode args);
    }

    /**
     * The "before" of a proposal is informative only: the requester may lack the right to read it
     * (a technician proposing a billing change), and the approval must still be offered.
     */
    public static JsonNode bestEffort(java.util.function.Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (com.hivematrix.shared.problem.ProblemException e) {
            return null;
        }
    }

    public static ReadTool read(String name, String description, Schema schema, BiFunction<ToolContext, JsonNode, ToolOutput> run) {
        JsonNode s = schema.build();
        return new ReadTool() {
            public String name() { return name; }
            public String description() { return description; }
            public JsonNode schema() { return s; }
            public ToolOutput run(ToolContext ctx, JsonNode args) { return run.apply(ctx, args); }
        };
    }

    public static WriteTool write(String name, String description, Schema schema, WriteTool.Approval approval, Proposer proposer,
            BiFunction<ToolContext, JsonNode, ToolOutput> apply) {
        JsonNode s = schema.build();
        return new WriteTool() {
            public String name() { return name; }
            public String description() { return description; }
            public JsonNode schema() { return s; }
            public Approval approval() { return approval; }
            public Proposal propose(ToolContext ctx, JsonNode args) { return proposer.propose(ctx, args); }
            public ToolOutput apply(ToolContext ctx, JsonNode args) { return apply.apply(ctx, args); }
        };
    }
}
