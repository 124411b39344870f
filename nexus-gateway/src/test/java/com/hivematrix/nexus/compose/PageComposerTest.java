package com.hivematrix.nexus.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebSession;

import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;

class PageComposerTest {

    static final ServiceRegistry REGISTRY = ServiceRegistry.parse("""
            {"helm": {"url": "http://127.0.0.1:1", "visible": true, "admin_only": true},
             "knowledgetree": {"url": "http://127.0.0.1:2", "visible": true},
             "ledger": {"url": "http://127.0.0.1:3", "visible": true, "billing_or_admin_only": true},
             "core": {"url": "http://127.0.0.1:4", "visible": false},
             "brainhair": {"url": "http://127.0.0.1:5", "visible": true}}
            """);

    @Test
    void fragmentsAndAlreadyComposedPagesAreUnchanged() {
        String fragment = "<tr><td>1</td></tr>";
        assertThat(PageComposer.compose(fragment, Theme.DEFAULT, "<nav/>", "v1")).isEqualTo(fragment);
        String noBody = "<html><head></head></html>";
        assertThat(PageComposer.compose(noBody, Theme.DEFAULT, "<nav/>", "v1")).isEqualTo(noBody);
        String composed = PageComposer.compose("<html><body>x</body></html>", Theme.DEFAULT, "<nav/>", "v1");
        assertThat(PageComposer.compose(composed, Theme.DEFAULT, "<nav/>", "v1")).isEqualTo(composed);
    }

    @Test
    void existingThemeAttributesAreReplacedAndAMissingHeadIsAdded() {
        String out = PageComposer.compose("<!doctype html><HTML lang=de data-theme='dark' DATA-COLOR-THEME=red class=x>"
                + "<BODY class=\"b\"><p>hi</p></BODY></HTML>", new Theme("light", "bee"), "<nav id=p></nav>", "2026.01.01-abc");
        assertThat(out).startsWith("<!doctype html><html lang=de class=x data-theme=\"light\" data-color-theme=\"bee\">"
                + "<head><link rel=\"stylesheet\" href=\"/static/css/global.css?v=2026.01.01-abc\">");
        assertThat(out).contains("<BODY class=\"b\"><div class=\"hivematrix-layout\"><nav id=p></nav><div class=\"hivematrix-content\"><p>hi</p></div></div></BODY></HTML>");
    }

    @Test
    void themeValuesAreValidated() {
        assertThat(Theme.of("dark", "matrix")).isEqualTo(new Theme("dark", "matrix"));
        assertThat(Theme.of("neon", "pink")).isEqualTo(Theme.DEFAULT);
        assertThat(Theme.decode("dark|nope")).isEqualTo(new Theme("dark", "purple"));
    }

    @Test
    void sidePanelFollowsRegistryOrderAndLevel() {
        String billing = SidePanel.html(REGISTRY, Set.of(PermissionLevel.BILLING), "ledger", Theme.DEFAULT);
        assertThat(billing).doesNotContain("/helm/").doesNotContain("/core/");
        assertThat(billing.indexOf("/knowledgetree/")).isLessThan(billing.indexOf("/ledger/"));
        assertThat(billing.indexOf("/ledger/")).isLessThan(billing.indexOf("/brainhair/"));
        assertThat(billing).contains(">Knowledgetree<", "side-panel__item--active\"><a class=\"side-panel__link\" href=\"/ledger/\"");
        String technician = SidePanel.html(REGISTRY, Set.of(PermissionLevel.TECHNICIAN), null, Theme.DEFAULT);
        assertThat(technician).doesNotContain("/ledger/").doesNotContain("/helm/").contains("/logout");
        // a technician who is also in the billing group: Ledger shows, admin-only services still don't
        String technicianInBilling = SidePanel.html(REGISTRY,
                EdgeFilter.levels(Map.of("permission_level", "technician", "groups", List.of("technicians", "billing"))), null, Theme.DEFAULT);
        assertThat(technicianInBilling).contains("/ledger/").doesNotContain("/helm/");
        assertThat(SidePanel.html(REGISTRY,
                EdgeFilter.levels(Map.of("permission_level", "technician", "groups", List.of("technicians"))), null, Theme.DEFAULT))
                .doesNotContain("/ledger/");
        String anonymous = SidePanel.html(REGISTRY, null, null, Theme.DEFAULT);
        assertThat(anonymous).doesNotContain("/logout").doesNotContain("/codex/settings");
        assertThat(SidePanel.html(REGISTRY, Set.of(PermissionLevel.ADMIN), null, Theme.DEFAULT)).contains("/helm/", "/ledger/");
    }

    @Test
    void iconsComeFromTheLucideWebJar() {
        assertThat(Icons.svg("sun")).startsWith("<svg class=\"icon icon--sun\" aria-hidden=\"true\"").contains("stroke=\"currentColor\"")
                .doesNotContain("lucide-sun").doesNotContain("\n");
        assertThat(Icons.forService("unknown-service")).contains("icon--package");
        assertThat(Icons.svg("../../etc/passwd")).isEmpty();
    }

    @Test
    void withoutCodexTheDefaultsApply() {
        UserPreferences prefs = new UserPreferences(REGISTRY, null, WebClient.builder(), Duration.ofMinutes(5), Clock.systemUTC());
        WebSession session = new org.springframework.web.server.session.InMemoryWebSessionStore().createWebSession().block();
        Map<String, Object> user = Map.of("email", "a@b.c", "permission_level", "technician");
        assertThat(prefs.theme(session, user).block()).isEqualTo(Theme.DEFAULT);
        assertThat(prefs.homePage(session, user).blockOptional()).isEmpty();
    }
}
