package com.hivematrix.ledger.billing;

import java.time.Clock;
import java.time.YearMonth;

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
import org.springframework.web.util.UriComponentsBuilder;

import com.hivematrix.ledger.archive.ArchiveService;
import com.hivematrix.ledger.engine.Bill;
import com.hivematrix.ledger.invoice.Invoice;
import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.LedgerPage;
import com.hivematrix.ledger.web.Periods;
import com.hivematrix.shared.problem.ProblemException;

/**
 * One client's bill for a period (picker), its line items, downloads (PDF, CSV, QuickBooks) and
 * Accept. Accept posts a form; a repeat answers 409 with the bill page and a message saying where
 * the bill already is, instead of an error screen.
 */
@Controller
@LedgerPage
@PreAuthorize(Access.BILLING)
public class ClientPageController {

    private final BillingService billing;
    private final ArchiveService archive;
    private final Clock clock;

    public ClientPageController(BillingService billing, ArchiveService archive, Clock clock) {
        this.billing = billing;
        this.archive = archive;
        this.clock = clock;
    }

    @GetMapping("/client/{acct}")
    public String bill(@PathVariable String acct, @RequestParam(required = false) String year, @RequestParam(required = false) String month,
            Model model) {
        fill(model, billing.bill(acct, Periods.of(year, month, clock)));
        return "client/bill";
    }

    @PostMapping("/client/{acct}/accept")
    public String accept(@PathVariable String acct, @RequestParam(required = false) String year, @RequestParam(required = false) String month,
            @RequestParam(required = false) String notes, Authentication auth, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Bill bill = billing.bill(acct, Periods.of(year, month, clock));
        try {
            ArchiveService.Accepted a = archive.accept(bill, Access.actor(auth), notes == null || notes.isBlank() ? null : notes.trim());
            redirect.addAttribute("accepted", "1");
            return "redirect:" + UriComponentsBuilder.fromPath("/archive/{invoice}").buildAndExpand(a.invoiceNumber()).encode().toUriString();
        } catch (ProblemException e) {
            if (e.getStatusCode().value() != 409) {
                throw e;
            }
            response.setStatus(409);
            model.addAttribute("conflict", e.getBody().getDetail());
            fill(model, bill);
            return "client/bill";
        }
    }

    private void fill(Model model, Bill bill) {
        YearMonth p = bill.period();
        model.addAttribute("bill", bill);
        model.addAttribute("period", p);
        model.addAttribute("invoice", Invoice.standard(bill));
        model.addAttribute("archived", archive.current(bill.company().accountNumber(), p).orElse(null));
    }
}
