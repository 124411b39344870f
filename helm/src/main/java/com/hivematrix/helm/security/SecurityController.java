package com.hivematrix.helm.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The security audit (admins only; the original showed it to every user): listening ports mapped
 * to services, the host firewall's state, and firewall scripts to download. Helm never applies a
 * firewall itself: an admin reads the script and runs it as root.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class SecurityController {

    private final SecurityAudit audit;
    private final FirewallScript scripts;

    public SecurityController(SecurityAudit audit, FirewallScript scripts) {
        this.audit = audit;
        this.scripts = scripts;
    }

    @GetMapping("/security")
    public String page(Model model) {
        model.addAttribute("audit", audit.audit());
        model.addAttribute("ufw", scripts.generate("ufw"));
        model.addAttribute("nftables", scripts.generate("nftables"));
        return "security/index";
    }

    @GetMapping("/api/security/audit")
    @ResponseBody
    public Map<String, Object> findings() {
        return audit.audit();
    }

    @GetMapping("/api/security/firewall-script")
    @ResponseBody
    public Map<String, Object> script(@RequestParam(required = false) String type) {
        FirewallScript.Script s = scripts.generate(type);
        return Map.of("success", true, "type", s.type(), "filename", s.filename(), "script", s.text());
    }

    @GetMapping("/security/firewall/{type}")
    public ResponseEntity<byte[]> download(@PathVariable String type) {
        FirewallScript.Script s = scripts.generate(type);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "x-shellscript", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(s.filename()).build().toString())
                .body(s.text().getBytes(StandardCharsets.UTF_8));
    }
}
