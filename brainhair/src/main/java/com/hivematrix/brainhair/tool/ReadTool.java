package com.hivematrix.brainhair.tool;

import tools.jackson.databind.JsonNode;

/** A tool without side effects outside Brainhair's own chat record. */
public non-sealed interface ReadTool extends Tool {

    ToolOutput run(ToolContext ctx, JsonNode args);
}
