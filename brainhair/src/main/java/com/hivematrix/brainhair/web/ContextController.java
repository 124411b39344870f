package com.hivematrix.brainhair.web;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.brainhair.redact.CodexDirectory;
import com.hivematrix.brainhair.redact.Redactor;
import com.hivematrix.brainhair.tool.ReadTool;
import com.hivematrix.brainhair.tool.ToolContext;
import com.hivematrix.brainhair.tool.ToolException;
import com.hivematrix.brainhair.tool.ToolOutput;
import com.hivematrix.brainhair.tool.ToolRegistry;
import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The context pickers (company, ticket) and the direct look-up tools offered when no model is
 * configured: the same read tools the model uses, as the user, with the same redaction.
 */
@RestController
@PreAuthorize(Access.CHAT)
public class ContextController {

    private final ToolRegistry tools;
    private final ServiceClient services;
    private final Redactor redactor;

    public ContextController(ToolRegistry tools, ServiceClient services, Redactor redactor) {
        this.tools = tools;
        this.services = services;
        this.redactor = redactor;
    }

    @GetMapping("/api/context/companies")
    public JsonNode companies(Authentication auth) {
        return run("list_companies", JsonNodeFactory.instance.objectNode(), auth);
    }

    @GetMapping("/api/context/tickets")
    public JsonNode tickets(@RequestParam(required = false) String account, Authentication auth) {
        if (account == null || account.isBlank()) {
            throw ProblemException.badRequest("account is required").with("field", "account");
        }
        return run("list_tickets", JsonNodeFactory.instance.objectNode().put("account_number", account), auth);
    }

    @GetMapping("/api/tools")
    @Operation(summary = "The read-only look-up tools (name, description, argument schema)")
    public List<Map<String, Object>> lookups() {
        return tools.all().stream().filter(ReadTool.class::isInstance)
                .map(t -> Map.<String, Object>of("name", t.name(), "description", t.description(), "schema", t.schema())).toList();
    }

    @PostMapping("/api/tools/{name}")
    @Operation(summary = "Run one read-only look-up tool directly; the result is redacted exactly as for the model")
    public JsonNode lookup(@PathVariable String name, @RequestBody(required = false) JsonNode args, Authentication auth) {
        return run(name, args == null ? JsonNodeFactory.instance.objectNode() : args, auth);
    }

    private JsonNode run(String name, JsonNode args, Authentication auth) {
        ReadTool tool = tools.find(name).filter(ReadTool.class::isInstance).map(ReadTool.class::cast)
                .filter(t -> !t.name().equals("set_chat_title"))
                .orElseThrow(() -> ProblemException.notFound("No look-up tool " + name));
        Caller caller = Caller.of(auth);
        ServiceClient asUser = services.asUser(caller.token());
        CodexDirectory directory = new CodexDirectory(asUser);
        try {
            ToolOutput out = tool.run(new ToolContext(caller, asUser, null, directory), args);
            return redactor.redact(out.data(), out.accountNumber(), directory).value();
        } catch (ToolException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
