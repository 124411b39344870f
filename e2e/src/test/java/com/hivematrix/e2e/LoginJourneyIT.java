package com.hivematrix.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * A person's first visit, in headless Chromium against the platform started from its jars: sent to the
 * Keycloak page (served under Nexus's /keycloak), logged in, landed on the home page with the side
 * panel, dark mode switched on, the style guide opened, logged out, and sent back to login.
 * Screenshots in e2e/target/screenshots/.
 */
class LoginJourneyIT extends Journey {

    @Override
    protected String prefix() {
        return "login";
    }

    @Test
    void loginHomeDarkModeStyleGuideLogout() {
        String[] user = platform.keycloak.createUser("admins");
        BrowserContext context = freshContext();
        Page page = context.newPage();
        String origin = platform.origin;

        // 1. no session: the Keycloak login page, on Nexus's origin under /keycloak
        page.navigate(origin + "/");
        page.waitForSelector("#username");
        assertThat(page.url()).startsWith(origin + "/keycloak/realms/" + platform.keycloak.realm() + "/");
        shot(page, "01-keycloak-login");

        // 2. log in: back through the callback to the home page, composed with the side panel
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(origin) && !url.contains("/keycloak/") && !url.contains("/login"));
        if (platform.codex) {
            // no preference yet: the original's default home, Beacon, when it runs; else the first service
            String home = platform.beacon ? "/beacon/" : "/codex/";
            assertThat(page.url()).startsWith(origin + home);
            assertThat(page.locator("#side-panel")).isVisible();
            assertThat(page.locator(".side-panel__item--active a")).hasAttribute("href", home);
        }
        shot(page, "02-home");

        // 3. dark mode from the side panel's switch (style guide if home has no panel)
        page.navigate(origin + "/nexus/style-guide");
        assertThat(page.locator("h1")).hasText("HiveMatrix style guide");
        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        shot(page, "03-style-guide-light");
        page.click("#theme-toggle-btn");
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        String background = (String) page.evaluate("getComputedStyle(document.body).backgroundColor");
        assertThat(background).isEqualTo("rgb(17, 19, 24)");

        // 4. the choice survives a reload; collapse the panel and see it remembered too
        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        shot(page, "04-style-guide-dark");
        page.click("#sidebar-toggle");
        assertThat(page.locator("#side-panel")).hasClass(Pattern.compile(".*\\bcollapsed\\b.*"));
        page.reload();
        assertThat(page.locator("html")).hasClass(Pattern.compile(".*\\bsidebar-collapsed\\b.*"));
        assertThat((Double) ((Number) page.evaluate("document.getElementById('side-panel').getBoundingClientRect().width")).doubleValue())
                .isEqualTo(76.0);
        shot(page, "05-collapsed");

        // 5. log out: Core revokes, Keycloak ends its session, the logged-out page clears the site
        page.click("a[href='/logout']");
        page.waitForURL(origin + "/logged-out");
        assertThat(page.locator("h1")).hasText("You have been logged out");
        shot(page, "06-logged-out");

        // 6. a protected page now asks for the password again
        page.navigate(origin + "/nexus/style-guide");
        page.waitForSelector("#username");
        assertThat(page.url()).contains("/keycloak/realms/");
        shot(page, "07-login-again");
        context.close();
    }
}
