package com.hivematrix.brainhair.tool;

import tools.jackson.databind.JsonNode;

/**
 * A capability the model may call, described to it by name, description and JSON schema. Read
 * tools run at once; write tools only ever run through an approved {@link WriteTool} action.
 */
public sealed interface Tool permits ReadTool, WriteTool {

    String name();

    String description();

    JsonNode schema();
}
