package com.hivematrix.nexus.compose;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.web.util.HtmlUtils;

import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;

/**
 * The platform's side panel: the registry's services in file order that this user may open (visible,
 * admin_only for admins, billing_or_admin_only for anyone holding billing or admin, also through a
 * second group), then Settings, Logout and the
 * theme switch. Class and id names are the original's, so services' own CSS and scripts keep working.
 */
public final class SidePanel {

    private SidePanel() {
    }

    /**
     * @param levels the levels the user holds ({@link EdgeFilter#levels}); null for an anonymous (public
     *              display) page: services are filtered as for a client and there are no Settings/Logout links
     */
    public static String html(ServiceRegistry registry, Set<PermissionLevel> levels, String activeService, Theme theme) {
        Set<PermissionLevel> effective = levels != null ? levels : EnumSet.of(PermissionLevel.CLIENT);
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"hivematrix-side-panel\" id=\"side-panel\">")
                .append("<div class=\"side-panel__header\">")
                .append("<button type=\"button\" class=\"side-panel__toggle\" id=\"sidebar-toggle\" aria-controls=\"side-panel\"")
                .append(" aria-expanded=\"true\" aria-label=\"Collapse navigation\" title=\"Collapse navigation\">")
                .append(Icons.svg("panel-left")).append("</button>")
                .append("<a class=\"side-panel__brand\" href=\"/\">").append(Icons.svg("hexagon"))
                .append("<span class=\"side-panel__title\">HiveMatrix</span></a>")
                .append("</div>")
                .append("<nav class=\"side-panel__nav\" aria-label=\"Services\"><ul class=\"side-panel__list\">");
        for (ServiceInfo service : registry.all()) {
            if (!service.visible() || !EdgeFilter.allowed(service, effective)) {
                continue;
            }
            boolean active = service.name().equals(activeService);
            String label = HtmlUtils.htmlEscape(label(service.name()));
            out.append("<li class=\"side-panel__item").append(active ? " side-panel__item--active" : "").append("\">")
                    .append("<a class=\"side-panel__link\" href=\"/").append(HtmlUtils.htmlEscape(service.name())).append("/\"")
                    .append(active ? " aria-current=\"page\"" : "").append(" title=\"").append(label).append("\">")
                    .append(Icons.forService(service.name()))
                    .append("<span class=\"side-panel__label\">").append(label).append("</span></a></li>");
        }
        out.append("</ul></nav><div class=\"side-panel__footer\">");
        if (levels != null) {
            out.append(footerLink("/codex/settings", "settings", "Settings"))
                    .append(footerLink("/logout", "log-out", "Logout"));
        }
        boolean dark = "dark".equals(theme.mode());
        out.append("<button type=\"button\" class=\"theme-toggle side-panel__link\" id=\"theme-toggle-btn\"")
                .append(" aria-pressed=\"").append(dark).append("\" title=\"Toggle dark mode\">")
                .append("<span class=\"theme-toggle__icon theme-toggle__icon--dark\">").append(Icons.svg("moon")).append("</span>")
                .append("<span class=\"theme-toggle__icon theme-toggle__icon--light\">").append(Icons.svg("sun")).append("</span>")
                .append("<span class=\"side-panel__label\">Dark</span>")
                .append("<span class=\"theme-toggle__switch\" aria-hidden=\"true\"></span></button>")
                .append("</div></div>");
        return out.toString();
    }

    private static String footerLink(String href, String icon, String label) {
        return "<a class=\"side-panel__link side-panel__link--footer\" href=\"" + href + "\" title=\"" + label + "\">"
                + Icons.svg(icon) + "<span class=\"side-panel__label\">" + label + "</span></a>";
    }

    /** The original's {@code name.title()}: "knowledgetree" → "Knowledgetree". */
    static String label(String name) {
        if (name.isEmpty()) {
            return name;
        }
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
