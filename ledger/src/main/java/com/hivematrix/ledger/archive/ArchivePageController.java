package com.hivematrix.ledger.archive;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;
import com.hivematrix.shared.problem.ProblemException;

/** The archive: search (account, name, year, month; paged on the server), one archived bill, and its void. */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class ArchivePageController {

    static final int PER_PAGE = 25;

    private final ArchiveController api;
    private final ArchiveService archive;

    public ArchivePageController(ArchiveController api, ArchiveService archive) {
        this.api = api;
        this.archive = archive;
    }

    @GetMapping("/archive/")
    public String list(@RequestParam(name = "account_number", required = false) String acct,
            @RequestParam(name = "company_name", required = false) String name, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer month, @RequestParam(defaultValue = "1") int page, Model model) {
        int current = Math.max(1, page);
        Map<String, Object> result = api.search(acct, name, year, month, null, null, PER_PAGE, (current - 1) * PER_PAGE);
        long total = ((Number) result.get("total")).longValue();
        model.addAttribute("results", result.get("results"));
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (total + PER_PAGE - 1) / PER_PAGE));
        model.addAttribute("acct", acct == null ? "" : acct);
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("year", year);
        model.addAttribute("month", month);
        return "archive/list";
    }

    @GetMapping("/archive/{invoiceNumber}")
    public String snapshot(@PathVariable String invoiceNumber, Model model) {
        model.addAttribute("snap", api.snapshot(invoiceNumber));
        return "archive/snapshot";
    }

    @PostMapping("/archive/{invoiceNumber}/void")
    public String voidBill(@PathVariable String invoiceNumber, @RequestParam(required = false) String reason, Authentication auth, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            archive.voidBill(invoiceNumber, reason, Access.actor(auth));
        } catch (ProblemException e) {
            if (e.getStatusCode().value() == 404) {
                throw e;
            }
            response.setStatus(e.getStatusCode().value());
            model.addAttribute("problem", e.getBody().getDetail());
            model.addAttribute("snap", api.snapshot(invoiceNumber));
            return "archive/snapshot";
        }
        redirect.addAttribute("voided", "1");
        return "redirect:/archive/{invoiceNumber}";
    }
}
