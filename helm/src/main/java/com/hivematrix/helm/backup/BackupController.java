package com.hivematrix.helm.backup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The backups page (admins): the archives of deploy/hivematrix backup and a "Back up now" button. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class BackupController {

    private final BackupService backups;

    public BackupController(BackupService backups) {
        this.backups = backups;
    }

    @GetMapping("/backups")
    public String page(Model model) {
        model.addAttribute("archives", backups.archives());
        model.addAttribute("running", backups.running());
        model.addAttribute("last", backups.last());
        return "backups/index";
    }

    @PostMapping("/backups")
    public String trigger(RedirectAttributes redirect) {
        backups.start();
        redirect.addFlashAttribute("message", "Backup started; this page shows the result when it has finished.");
        return "redirect:/backups";
    }

    @GetMapping("/api/backups")
    @ResponseBody
    public Map<String, Object> list() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("archives", backups.archives().stream().map(BackupArchive::json).toList());
        body.put("running", backups.running() != null);
        body.put("last_run", backups.last());
        return body;
    }

    /** 202: the backup runs in the background; GET /api/backups tells when it has finished. */
    @PostMapping("/api/backups")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> start() {
        BackupService.BackupRun run = backups.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("success", true, "started", run.started().toString()));
    }
}
