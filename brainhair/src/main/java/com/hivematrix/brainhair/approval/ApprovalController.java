package com.hivematrix.brainhair.approval;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.brainhair.web.Access;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;

/** Approve or deny a pending action (the original's path). */
@RestController
@PreAuthorize(Access.CHAT)
public class ApprovalController {

    public record Respond(Boolean approved) {
    }

    private final ApprovalService approvals;

    public ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @PostMapping("/api/approval/respond/{approvalId}")
    @Operation(summary = "Approve (runs the action once, as you) or deny a pending action of your own chat")
    public Map<String, Object> respond(@PathVariable String approvalId, @RequestBody(required = false) Respond body, Authentication auth) {
        if (body == null || body.approved() == null) {
            throw ProblemException.badRequest("approved (true or false) is required").with("field", "approved");
        }
        return approvals.decide(approvalId, Caller.of(auth), body.approved());
    }
}
