package com.hivematrix.ledger.dashboard;

import java.time.YearMonth;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the clients table that keep period, search and filter: context-relative paths the
 * templates pass through {@code @{...}}, so they carry the gateway prefix.
 */
public record ClientLinks(YearMonth period, String search, String filter, String sortBy, String order) {

    /** Sorted by {@code column}; clicking the current sort column flips the order. */
    public String sort(String column) {
        String next = column.equals(sortBy) && !"desc".equalsIgnoreCase(order) ? "desc" : "asc";
        return build(column, next, null);
    }

    public String page(int n) {
        return build(sortBy, order, n);
    }

    private String build(String sort, String ord, Integer page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/").queryParam("year", period.getYear())
                .queryParam("month", period.getMonthValue());
        if (search != null && !search.isBlank()) {
            b.queryParam("search", search);
        }
        if (filter != null && !filter.isBlank()) {
            b.queryParam("filter", filter);
        }
        if (sort != null) {
            b.queryParam("sort_by", sort).queryParam("order", ord == null ? "asc" : ord);
        }
        if (page != null) {
            b.queryParam("page", page);
        }
        return b.build().encode().toUriString();
    }
}
