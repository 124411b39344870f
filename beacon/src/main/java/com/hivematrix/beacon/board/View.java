package com.hivematrix.beacon.board;

import java.util.List;
import java.util.Optional;

import com.hivematrix.shared.problem.ProblemException;

/**
 * The two boards. Professional Services = tickets of the PS group; Helpdesk = everything else,
 * including tickets without a group (spec §10.1).
 */
public enum View {
    HELPDESK("helpdesk", "Helpdesk"),
    PROFESSIONAL_SERVICES("professional-services", "Professional Services");

    private final String slug;
    private final String displayName;

    View(String slug, String displayName) {
        this.slug = slug;
        this.displayName = displayName;
    }

    public String slug() { return slug; }

    public String displayName() { return displayName; }

    public List<String> sectionNames() {
        return List.of("Open " + displayName + " Tickets", "Customer Replied", "Needs Agent / Update Overdue",
                "Other Active " + displayName + " Tickets");
    }

    /**
     * Whether a ticket of this group belongs on this board. An unknown PS group id means the
     * helpdesk board shows everything and the PS board nothing (as the original).
     */
    public boolean includes(Long groupId, Long professionalServicesGroupId) {
        boolean ps = professionalServicesGroupId != null && professionalServicesGroupId.equals(groupId);
        return this == PROFESSIONAL_SERVICES ? ps : !ps;
    }

    public static Optional<View> find(String slug) {
        for (View v : values()) {
            if (v.slug.equals(slug)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** 404 in the original's shape for the API ({"error": "Unsupported view: x"}) inside a problem. */
    public static View require(String slug) {
        return find(slug).orElseThrow(() -> {
            String message = "Unsupported view: " + slug;
            return ProblemException.notFound(message).with("error", message);
        });
    }
}
