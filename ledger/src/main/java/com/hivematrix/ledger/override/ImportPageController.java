package com.hivematrix.ledger.override;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;

/**
 * Import/export screen: template download, upload (file or pasted CSV) for a dry-run preview,
 * then Confirm, which posts the previewed CSV again for real (all rows or none).
 */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class ImportPageController {

    private final LineItemImport imports;

    public ImportPageController(LineItemImport imports) {
        this.imports = imports;
    }

    @ModelAttribute("columns")
    List<String> columns() {
        return LineItemImport.COLUMNS;
    }

    @GetMapping("/import")
    public String page() {
        return "io/import";
    }

    @PostMapping("/import/line-items")
    public String run(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String csv,
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun, Authentication auth, Model model,
            HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        LineItemImport.Result r = imports.run(text, dryRun, auth);
        if (!dryRun && r.valid()) {
            redirect.addAttribute("imported", r.imported());
            return "redirect:/import";
        }
        if (!r.valid()) {
            response.setStatus(422);
        }
        model.addAttribute("result", r);
        model.addAttribute("csv", text);
        return "io/import";
    }
}
