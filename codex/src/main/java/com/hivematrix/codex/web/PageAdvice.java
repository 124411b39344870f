package com.hivematrix.codex.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.version.VersionInfo;

/**
 * Model attributes every page uses (viewer, version) and HTML error pages for the problems a page
 * controller raises (unknown ids), so a browser never sees a JSON body in place of a page.
 */
@ControllerAdvice(annotations = CodexPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageAdvice {

    private final String version;

    public PageAdvice(ObjectProvider<VersionInfo> version) {
        VersionInfo v = version.getIfAvailable();
        this.version = v == null ? "dev" : v.version();
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("viewer", Viewer.of(auth));
        model.addAttribute("version", version);
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("status", e.getStatusCode().value());
        model.addAttribute("message", e.getBody().getDetail());
        model.addAllAttributes(Map.of("title", e.getStatusCode().value() == 404 ? "Not found" : "Error"));
        return "error/page";
    }
}
