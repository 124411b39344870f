package com.hivematrix.beacon.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendered board: four sections of ticket items (maps in Codex's item shape, plus Beacon's
 * link and badge fields), the counter, the sync time and the Codex error if the data is stale.
 */
public record Board(View view, List<Section> sections, int totalActive, String generatedIso, String error,
        String dataFetchedAtIso, Long dataAgeSeconds) {

    public record Section(int number, String name, List<Map<String, Object>> items) {
        public int count() {
            return items.size();
        }
    }

    /** The total-active alarm: 90 warning, 100 danger, 110 blinking, 120 sirens. */
    public static String alarmClass(int total) {
        if (total >= 120) {
            return "count-emergency";
        }
        if (total >= 110) {
            return "count-critical";
        }
        if (total >= 100) {
            return "count-danger";
        }
        return total >= 90 ? "count-warning" : "count-normal";
    }

    public String alarmClass() {
        return alarmClass(totalActive);
    }

    /** The original's JSON ({@code s1_items … section4_name_js, error}) plus when the data was fetched. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Section s : sections) {
            m.put("s" + s.number() + "_items", s.items());
        }
        m.put("total_active_items", totalActive);
        m.put("dashboard_generated_time_iso", generatedIso);
        m.put("view", view.displayName());
        for (Section s : sections) {
            m.put("section" + s.number() + "_name_js", s.name());
        }
        m.put("error", error);
        m.put("alarm_class", alarmClass());
        m.put("data_fetched_at", dataFetchedAtIso);
        m.put("data_age_seconds", dataAgeSeconds);
        return m;
    }
}
