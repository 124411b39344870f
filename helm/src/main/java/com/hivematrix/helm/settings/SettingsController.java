package com.hivematrix.helm.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.helm.supervisor.SupervisorService;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * Platform settings (admins): environment, public hostname and log level, saved to
 * var/config/platform.properties and handed by the supervisor to every process it starts (so they
 * apply at each service's next start; "Restart all" makes that now), plus Nexus's TLS certificate.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class SettingsController {

    private final SettingsStore store;
    private final ObjectProvider<SupervisorService> supervisor;
    private final ServiceRegistry registry;

    public SettingsController(SettingsStore store, ObjectProvider<SupervisorService> supervisor, ServiceRegistry registry) {
        this.store = store;
        this.supervisor = supervisor;
        this.registry = registry;
    }

    @GetMapping("/settings")
    public String page(Model model) {
        model.addAttribute("settings", store.load());
        model.addAttribute("environments", PlatformSettings.ENVIRONMENTS);
        model.addAttribute("levels", PlatformSettings.LOG_LEVELS);
        model.addAttribute("supervising", supervisor.getIfAvailable() != null);
        model.addAttribute("tls", registry.find("nexus").map(n -> TlsCertificateInfo.read(n.port() > 0 ? n.port() : portOf(n.url())))
                .orElse(null));
        return "settings/index";
    }

    @PostMapping("/settings")
    public String save(@RequestParam(required = false) String environment, @RequestParam(required = false) String hostname,
            @RequestParam(name = "log_level", required = false) String logLevel, RedirectAttributes redirect) {
        store.save(PlatformSettings.of(environment, hostname, logLevel));
        redirect.addFlashAttribute("message", "Settings saved; each service uses them from its next start (Restart all applies them now).");
        return "redirect:/settings";
    }

    @PostMapping("/settings/restart-all")
    public String restartAll(RedirectAttributes redirect) {
        requireSupervisor().restartAllLater();
        redirect.addFlashAttribute("message", "Restarting every service in start order; follow it on the Services page.");
        return "redirect:/settings";
    }

    @GetMapping("/api/settings")
    @ResponseBody
    public Map<String, Object> get() {
        return json(store.load());
    }

    @PutMapping("/api/settings")
    @ResponseBody
    public Map<String, Object> put(@RequestBody Map<String, Object> body) {
        PlatformSettings s = PlatformSettings.of(str(body, "environment"), str(body, "hostname"), str(body, "log_level"));
        store.save(s);
        return json(s);
    }

    /** 202: the restarts run in the background. */
    @PostMapping("/api/settings/restart-all")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> restartAllApi() {
        requireSupervisor().restartAllLater();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", true));
    }

    private SupervisorService requireSupervisor() {
        SupervisorService s = supervisor.getIfAvailable();
        if (s == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "this Helm does not supervise processes, so it cannot restart them");
        }
        return s;
    }

    private static String str(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v != null && !(v instanceof String)) {
            throw ProblemException.badRequest(key + " must be a string").with("field", key);
        }
        return (String) v;
    }

    private static Map<String, Object> json(PlatformSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", s.environment());
        m.put("hostname", s.hostname());
        m.put("log_level", s.logLevel());
        return m;
    }

    private static int portOf(String url) {
        int port = java.net.URI.create(url).getPort();
        return port > 0 ? port : 443;
    }
}
