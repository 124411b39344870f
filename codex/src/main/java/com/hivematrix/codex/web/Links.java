package com.hivematrix.codex.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of a list page that keep the current filters: built from the current request (which the
 * forwarded-header filter has already given the gateway's prefix), changing one parameter.
 */
public final class Links {

    private final HttpServletRequest request;
    private final String sortBy;
    private final String order;
    private final Map<String, Object> pagination;

    public Links(HttpServletRequest request, String sortBy, String order, Map<String, Object> pagination) {
        this.request = request;
        this.sortBy = sortBy;
        this.order = order;
        this.pagination = pagination;
    }

    /** Path (already carrying the gateway prefix) and the decoded parameters of this request; encoded once on build. */
    private UriComponentsBuilder current() {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(request.getContextPath() + request.getServletPath());
        request.getParameterMap().forEach((k, v) -> b.queryParam(k, (Object[]) v));
        return b;
    }

    /** The list at page {@code n}, same filters. */
    public String page(int n) {
        return current().replaceQueryParam("page", n).build().encode().toUriString();
    }

    /** The list sorted by {@code column}; clicking the current sort column flips the order. */
    public String sort(String column) {
        String next = column.equals(sortBy) && !"desc".equalsIgnoreCase(order) ? "desc" : "asc";
        return current().replaceQueryParam("sort_by", column).replaceQueryParam("order", next).replaceQueryParam("page")
                .build().encode().toUriString();
    }

    /** ↑ / ↓ next to the active sort column. */
    public String arrow(String column) {
        if (!column.equals(sortBy)) {
            return "";
        }
        return "desc".equalsIgnoreCase(order) ? " \u2193" : " \u2191";
    }

    public String ariaSort(String column) {
        if (!column.equals(sortBy)) {
            return null;
        }
        return "desc".equalsIgnoreCase(order) ? "descending" : "ascending";
    }

    /** Page numbers to show: first, last and a window around the current page; 0 marks a gap. */
    public List<Integer> window() {
        int pages = ((Number) pagination.get("pages")).intValue();
        int page = ((Number) pagination.get("page")).intValue();
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            if (i == 1 || i == pages || Math.abs(i - page) <= 2) {
                out.add(i);
            } else if (!out.isEmpty() && out.get(out.size() - 1) != 0) {
                out.add(0);
            }
        }
        return out;
    }
}
