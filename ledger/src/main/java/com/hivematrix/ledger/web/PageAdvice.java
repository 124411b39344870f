package com.hivematrix.ledger.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.version.VersionInfo;

/**
 * Model attributes every page uses (viewer name, version) and HTML error pages for what a page
 * controller raises (unknown account 404, Codex down 503, technician 403), so a browser never sees
 * a JSON body in place of a page.
 */
@ControllerAdvice(annotations = LedgerPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageAdvice {

    private final String version;

    public PageAdvice(ObjectProvider<VersionInfo> version) {
        VersionInfo v = version.getIfAvailable();
        this.version = v == null ? "dev" : v.version();
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        String name = null;
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt) {
            name = jwt.getClaimAsString("name");
            if (name == null || name.isBlank()) {
                name = jwt.getClaimAsString("preferred_username");
            }
        }
        model.addAttribute("viewerName", name);
        model.addAttribute("admin", auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
        model.addAttribute("version", version);
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, Model model, HttpServletResponse response) {
        return error(model, response, e.getStatusCode().value(), e.getBody().getDetail());
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(Model model, HttpServletResponse response) {
        return error(model, response, 403, "Billing pages are for billing and admin users.");
    }

    static String error(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        model.addAttribute("title", switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 503 -> "Codex unavailable";
            default -> "Error";
        });
        return "error/page";
    }
}
