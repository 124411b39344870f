package com.hivematrix.knowledgetree.web;

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

/** Viewer and version for every page; problems on pages (404, Neo4j down: 503) as styled pages. */
@ControllerAdvice(annotations = KnowledgeTreePage.class)
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
        int status = e.getStatusCode().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", e.getBody().getDetail());
        model.addAttribute("title", status == 404 ? "Not found" : status == 503 ? "Knowledge base unavailable" : "Error");
        return "error/page";
    }
}
