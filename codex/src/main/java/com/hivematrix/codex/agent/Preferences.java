package com.hivematrix.codex.agent;

import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Per-user preferences as the JSON APIs accept them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Preferences(
        @Pattern(regexp = THEMES, message = "must be light or dark") String theme_preference,
        @Pattern(regexp = COLORS, message = "must be one of purple, blue, green, orange, gold, red, yellow, matrix, bee") String preferred_color_theme,
        @Pattern(regexp = KT_VIEWS, message = "must be one of grid, tree, hierarchy") String knowledgetree_view_preference,
        @Pattern(regexp = HOME_PAGES, message = "must be one of beacon, knowledgetree, brainhair, codex, ledger, archive, helm") String home_page_preference) {

    public static final String THEMES = "^(light|dark)$";
    public static final String COLORS = "^(purple|blue|green|orange|gold|red|yellow|matrix|bee)$";
    public static final String KT_VIEWS = "^(grid|tree|hierarchy)$";
    public static final String HOME_PAGES = "^(beacon|knowledgetree|brainhair|codex|ledger|archive|helm)$";

    void applyTo(Agent a) {
        if (theme_preference != null) a.setThemePreference(theme_preference);
        if (preferred_color_theme != null) a.setPreferredColorTheme(preferred_color_theme);
        if (knowledgetree_view_preference != null) a.setKnowledgetreeViewPreference(knowledgetree_view_preference);
        if (home_page_preference != null) a.setHomePagePreference(home_page_preference);
    }
}
