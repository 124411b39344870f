package com.hivematrix.brainhair.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.hivematrix.brainhair.model.Conversation;

/** Every tool bean by name; the list the model is offered. */
@Component
public class ToolRegistry {

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolRegistry(List<Tool> all) {
        all.forEach(t -> {
            if (tools.put(t.name(), t) != null) {
                throw new IllegalStateException("Two tools named " + t.name());
            }
        });
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<Tool> all() {
        return List.copyOf(tools.values());
    }

    public List<Conversation.ToolSpec> specs() {
        return tools.values().stream().map(t -> new Conversation.ToolSpec(t.name(), t.description(), t.schema())).toList();
    }
}
