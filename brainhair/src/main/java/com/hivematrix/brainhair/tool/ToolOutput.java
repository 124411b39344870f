package com.hivematrix.brainhair.tool;

import tools.jackson.databind.JsonNode;

/** What a tool returns, and the company it is about (the redaction level of un-tagged items). */
public record ToolOutput(JsonNode data, String accountNumber) {
}
