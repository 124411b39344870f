package com.hivematrix.brainhair.tool;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A small builder for the JSON schemas the tools declare. */
public final class Schema {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ObjectNode props;

    private Schema() {
        root.put("type", "object");
        props = root.putObject("properties");
        root.putArray("required");
    }

    public static Schema object() {
        return new Schema();
    }

    public Schema string(String name, String description, boolean required) {
        return prop(name, "string", description, required);
    }

    public Schema number(String name, String description, boolean required) {
        return prop(name, "number", description, required);
    }

    public Schema integer(String name, String description, boolean required) {
        return prop(name, "integer", description, required);
    }

    public Schema bool(String name, String description, boolean required) {
        return prop(name, "boolean", description, required);
    }

    public Schema enumeration(String name, String description, boolean required, String... values) {
        prop(name, "string", description, required);
        var e = ((ObjectNode) props.get(name)).putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return this;
    }

    private Schema prop(String name, String type, String description, boolean required) {
        props.putObject(name).put("type", type).put("description", description);
        if (required) {
            root.withArray("required").add(name);
        }
        return this;
    }

    public JsonNode build() {
        return root;
    }
}
