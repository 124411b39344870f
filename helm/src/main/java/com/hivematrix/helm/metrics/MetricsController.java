package com.hivematrix.helm.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * The metrics page (admins): CPU, memory and health-latency history of one service drawn by
 * Chart.js from GET /api/metrics/{service}; the browser formats the times in the viewer's zone.
 */
@Controller
@PreAuthorize("@helmAccess.adminOrSelf(authentication)")
public class MetricsController {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final MetricStore store;
    private final ServiceRegistry registry;
    private final MetricsPoller poller;

    public MetricsController(MetricStore store, ServiceRegistry registry, MetricsPoller poller) {
        this.store = store;
        this.registry = registry;
        this.poller = poller;
    }

    @GetMapping("/metrics")
    public String page(@RequestParam(required = false) String service, @RequestParam(defaultValue = "1h") String range, Model model) {
        List<String> services = services();
        String chosen = service == null || service.isBlank() ? services.get(0) : requireName(service);
        model.addAttribute("services", services);
        model.addAttribute("service", chosen);
        model.addAttribute("range", MetricsRange.parse(range).label());
        model.addAttribute("ranges", Arrays.stream(MetricsRange.values()).map(MetricsRange::label).toList());
        model.addAttribute("pollSeconds", poller.intervalSeconds());
        return "metrics/index";
    }

    @GetMapping("/api/metrics/{service}")
    @ResponseBody
    public Map<String, Object> series(@PathVariable String service, @RequestParam(defaultValue = "1h") String range) {
        MetricsRange r = MetricsRange.parse(range);
        Instant to = Instant.now();
        Instant from = to.minus(r.span());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", requireName(service));
        body.put("range", r.label());
        body.put("resolution_seconds", r.resolution());
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("points", store.series(service, r.resolution(), from, to).stream().map(MetricSample::json).toList());
        return body;
    }

    /** Helm first, then the registry's services in start order. */
    private List<String> services() {
        List<String> names = new ArrayList<>();
        names.add("helm");
        registry.all().stream().sorted((a, b) -> Integer.compare(a.startOrder(), b.startOrder())).map(ServiceInfo::name)
                .filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    private static String requireName(String service) {
        if (!NAME.matcher(service).matches()) {
            throw ProblemException.badRequest("service must be a service name (lower-case letters, digits, - and _)")
                    .with("field", "service");
        }
        return service;
    }
}
