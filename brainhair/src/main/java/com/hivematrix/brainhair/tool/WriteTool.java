package com.hivematrix.brainhair.tool;

import tools.jackson.databind.JsonNode;

/**
 * A tool that changes data in another service. The model's call only produces a proposal (what,
 * which values, before/after where it can be read); {@link #apply} runs when a user with
 * {@link #approval()} level approves it, with that user's identity.
 */
public non-sealed interface WriteTool extends Tool {

    /** Which levels may approve: technician work (tickets, knowledge) or billing changes. */
    enum Approval { TECHNICIAN, BILLING }

    Approval approval();

    /** Validates the arguments (ToolException for bad ones) and describes the change. */
    Proposal propose(ToolContext ctx, JsonNode args);

    ToolOutput apply(ToolContext ctx, JsonNode args);

    record Proposal(String action, String accountNumber, JsonNode before, JsonNode after) {
    }
}
