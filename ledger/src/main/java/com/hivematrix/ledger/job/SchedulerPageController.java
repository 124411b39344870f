package com.hivematrix.ledger.job;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Month-end jobs: start "accept all" for a period (previous month by default) and watch its
 * progress (the page refreshes itself while the job runs; no script), the job history, and the
 * scheduled snapshot's settings (admins change them).
 */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class SchedulerPageController {

    private final JobController api;
    private final AcceptAllJob job;
    private final ObjectMapper json;
    private final Clock clock;

    public SchedulerPageController(JobController api, AcceptAllJob job, ObjectMapper json, Clock clock) {
        this.api = api;
        this.job = job;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/scheduler")
    public String page(@RequestParam(name = "job", required = false) String jobId, Model model) {
        fill(jobId, model);
        return "scheduler/index";
    }

    @PostMapping("/scheduler/accept-all")
    public String acceptAll(@RequestParam(required = false) String year, @RequestParam(required = false) String month, Authentication auth,
            RedirectAttributes redirect) {
        YearMonth p = JobController.target(year, month, clock);
        redirect.addAttribute("job", job.start(p, "bulk", Access.actor(auth)).jobId());
        return "redirect:/scheduler";
    }

    @PostMapping("/scheduler/config")
    @PreAuthorize(Access.ADMIN)
    public String config(@RequestParam(required = false) String enabled, @RequestParam(name = "day_of_month", required = false) String day,
            @RequestParam(required = false) String hour, @RequestParam(name = "snapshot_previous_month", required = false) String previous,
            Authentication auth, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ObjectNode body = json.createObjectNode().put("enabled", enabled != null).put("snapshot_previous_month", previous != null);
        number(body, "day_of_month", day);
        number(body, "hour", hour);
        try {
            api.saveConfig(body, auth);
        } catch (ProblemException e) {
            response.setStatus(e.getStatusCode().value());
            model.addAttribute("problem", e.getBody().getDetail());
            fill(null, model);
            return "scheduler/index";
        }
        redirect.addAttribute("saved", "1");
        return "redirect:/scheduler";
    }

    private static void number(ObjectNode body, String field, String value) {
        try {
            body.put(field, Integer.parseInt(value == null ? "" : value.trim()));
        } catch (NumberFormatException e) {
            body.put(field, value);
        }
    }

    private void fill(String jobId, Model model) {
        model.addAttribute("config", api.config().get("config"));
        model.addAttribute("jobs", api.jobs(20, 0).get("jobs"));
        Map<String, Object> current = jobId == null ? null : api.detail(jobId);
        model.addAttribute("job", current);
        model.addAttribute("refresh", current != null && "running".equals(current.get("status")));
        model.addAttribute("period", JobController.target(null, null, clock));
    }
}
