package com.hivematrix.codex.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Paging in the original's Flask-SQLAlchemy shape: page 1-based, per_page 1..500 (below 1 → 50). */
public record Page(int page, int perPage) {

    public static Page of(Integer page, Integer perPage) {
        int p = page == null || page < 1 ? 1 : page;
        int pp = perPage == null || perPage < 1 ? 50 : Math.min(perPage, 500);
        return new Page(p, pp);
    }

    public int offset() {
        return (page - 1) * perPage;
    }

    public Map<String, Object> describe(long total) {
        int pages = total == 0 ? 0 : (int) ((total + perPage - 1) / perPage);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("pages", pages);
        m.put("total", total);
        m.put("has_prev", page > 1);
        m.put("has_next", page < pages);
        m.put("prev_num", page > 1 ? page - 1 : null);
        m.put("next_num", page < pages ? page + 1 : null);
        return m;
    }
}
