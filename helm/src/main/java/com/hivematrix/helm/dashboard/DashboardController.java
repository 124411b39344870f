package com.hivematrix.helm.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.helm.logs.LogEntryView;
import com.hivematrix.helm.logs.LogQuery;
import com.hivematrix.helm.logs.LogStore;
import com.hivematrix.helm.metrics.MetricsPoller;
import com.hivematrix.helm.metrics.MonitoredService;
import com.hivematrix.helm.supervisor.SupervisorService;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * The service dashboard (admins only, seen through Nexus): every supervised process with its
 * state, pid, uptime, restarts and the supervisor's latest /health probe, with start, stop and
 * restart. Helm's own row has no buttons: Helm never stops or restarts itself from the UI. A Helm
 * that does not supervise (a plain service, e.g. in the e2e platform) shows what its metrics
 * poller last saw of each registry service's health instead, without controls.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class DashboardController {

    static final int OUTPUT_LINES = 200;
    static final int RECENT_LOGS = 20;

    private final ObjectProvider<SupervisorService> supervisor;
    private final ServiceRegistry registry;
    private final ProcessSampler sampler;
    private final MetricsPoller poller;
    private final LogStore logs;

    public DashboardController(ObjectProvider<SupervisorService> supervisor, ServiceRegistry registry, ProcessSampler sampler,
            MetricsPoller poller, LogStore logs) {
        this.supervisor = supervisor;
        this.registry = registry;
        this.sampler = sampler;
        this.poller = poller;
        this.logs = logs;
    }

    @GetMapping({"/", "/services"})
    public String dashboard(Model model) {
        SupervisorService s = supervisor.getIfAvailable();
        model.addAttribute("enabled", s != null);
        model.addAttribute("processes", s == null ? List.of() : views(s));
        model.addAttribute("monitored", s == null ? poller.monitored() : List.of());
        model.addAttribute("pollSeconds", poller.intervalSeconds());
        return "services/index";
    }

    @GetMapping("/services/{name}")
    public String detail(@PathVariable String name, Model model) {
        SupervisorService s = supervisor.getIfAvailable();
        model.addAttribute("recentLogs", recentLogs(name));
        if (s == null) {
            MonitoredService m = poller.monitored(name)
                    .orElseThrow(() -> ProblemException.notFound("no monitored service named '" + name + "'").with("field", "name"));
            model.addAttribute("m", m);
            return "services/monitored";
        }
        model.addAttribute("p", ProcessView.of(s.status(name), sampler));
        model.addAttribute("output", String.join("\n", s.outputTail(name, OUTPUT_LINES)));
        return "services/detail";
    }

    @PostMapping("/services/{name}/{action}")
    public String act(@PathVariable String name, @PathVariable String action, RedirectAttributes redirect) {
        SupervisorService s = require();
        SupervisorService.Action a = SupervisorService.Action.parse(action);
        s.actLater(name, a);
        redirect.addFlashAttribute("message", a.name().charAt(0) + a.name().substring(1).toLowerCase() + " of " + name + " requested.");
        return "redirect:/services";
    }

    @GetMapping("/api/supervisor/processes")
    @ResponseBody
    public Map<String, Object> processes() {
        return Map.of("processes", views(require()).stream().map(ProcessView::json).toList());
    }

    /** 202: the action runs in the background; poll GET /api/supervisor/processes for the outcome. */
    @PostMapping("/api/supervisor/processes/{name}/{action}")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> actApi(@PathVariable String name, @PathVariable String action) {
        SupervisorService s = require();
        SupervisorService.Action a = SupervisorService.Action.parse(action);
        s.actLater(name, a);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", true, "name", name,
                "action", a.name().toLowerCase(), "process", ProcessView.of(s.status(name), sampler).json()));
    }

    /** The service's newest central log entries; empty when the log store is unreachable (the page still shows the process). */
    private List<LogEntryView> recentLogs(String name) {
        try {
            return logs.query(new LogQuery(name, List.of(), null, null, null, null, null, null, null, RECENT_LOGS, 0));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<ProcessView> views(SupervisorService s) {
        List<ProcessView> views = new ArrayList<>();
        views.add(ProcessView.self(s.self(), s.selfStarted(), registry.find(s.self()).map(i -> i.port()).orElse(0), sampler));
        s.statuses().forEach(p -> views.add(ProcessView.of(p, sampler)));
        return views;
    }

    private SupervisorService require() {
        SupervisorService s = supervisor.getIfAvailable();
        if (s == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "this Helm does not supervise processes");
        }
        return s;
    }
}
