package com.hivematrix.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * The ticket board on the demo MSP through Nexus in headless Chromium: a technician's dashboard with
 * its four sections and SLA colours, in light and dark; the TV display in a browser that never logged
 * in. Screenshots in e2e/target/screenshots/ (beacon-*).
 */
class BeaconJourneyIT extends Journey {

    static final List<String> SECTIONS = List.of("Open Helpdesk Tickets", "Customer Replied", "Needs Agent / Update Overdue",
            "Other Active Helpdesk Tickets");

    @Override
    protected String prefix() {
        return "beacon";
    }

    @Test
    void technicianSeesTheBoardInBothThemes() {
        assumeTrue(platform.beacon, "Beacon's jar is not built");
        Page page = login("technicians", "/beacon/helpdesk");
        page.navigate(platform.origin + "/beacon/helpdesk");

        assertThat(page.locator("h1.beacon-title")).hasText("Beacon - Ticket Dashboard");
        assertThat(page.locator(".beacon-section__name")).hasText(SECTIONS.toArray(String[]::new));
        int total = Integer.parseInt(page.locator("#beacon-total").innerText().trim());
        assertThat(total).as("demo tickets on the board").isGreaterThan(0);
        int rows = page.locator(".beacon-table tbody tr").count();
        assertThat(rows).isEqualTo(total);
        // every SLA cell carries one of the engine's classes, and the demo has overdue tickets in red
        assertThat(page.locator(".beacon-table tbody td span[class^='sla-']").count()).isEqualTo(rows);
        assertThat(page.locator(".beacon-table tbody .sla-overdue").count()).isGreaterThan(0);
        String overdue = (String) page.evaluate("getComputedStyle(document.querySelector('.beacon-table .sla-overdue')).color");
        assertThat(overdue).as("overdue SLA text colour").isNotEqualTo(
                page.evaluate("getComputedStyle(document.querySelector('.beacon-table td')).color"));
        assertThat(page.locator("#side-panel")).isVisible();
        shot(page, "01-dashboard-light");

        page.click("#theme-toggle-btn");
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        shot(page, "02-dashboard-dark");
        page.click("#theme-toggle-btn");
        page.context().close();
    }

    @Test
    void tvDisplayWorksWithoutLogin() {
        assumeTrue(platform.beacon, "Beacon's jar is not built");
        Page page = freshContext().newPage();
        Response response = page.navigate(platform.origin + "/beacon/display/helpdesk");

        assertThat(response.status()).isEqualTo(200);
        assertThat(page.url()).isEqualTo(platform.origin + "/beacon/display/helpdesk");
        assertThat(page.locator("main.beacon--display")).isVisible();
        assertThat(page.locator(".beacon-section__name")).hasText(SECTIONS.toArray(String[]::new));
        assertThat(page.locator(".beacon-table tbody tr").count()).isGreaterThan(0);
        assertThat(page.locator("#beacon-sync")).hasCount(0);
        assertThat(page.locator("#side-panel")).hasCount(0);
        shot(page, "03-display-light");

        // a TV has no user whose theme could be remembered: the dark palette is the page's own switch
        page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')");
        shot(page, "04-display-dark");

        // nothing else opens without a login
        Response dashboard = page.navigate(platform.origin + "/beacon/helpdesk");
        assertThat(page.url()).contains("/keycloak/realms/");
        assertThat(dashboard.status()).isEqualTo(200);
        page.context().close();
    }
}
