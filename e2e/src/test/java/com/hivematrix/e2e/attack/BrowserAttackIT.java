package com.hivematrix.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.hivematrix.e2e.support.Platform;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;

import tools.jackson.databind.JsonNode;

/**
 * The browser-facing attacks, through Nexus in headless Chromium: stored XSS in Codex's and Ledger's
 * text fields and reflected XSS in search parameters (no dialog fires, no injected element, no
 * {@code javascript:} link), CSRF (a cookie-authenticated write without the session's token or from
 * another origin is refused), SQL injection strings in the search boxes, security headers on every
 * page, cross-company IDs (IDOR), and the per-user rate limit answering 429.
 * Screenshots in e2e/target/screenshots/ (attack-*).
 */
class BrowserAttackIT extends Journey {

    static final List<String> XSS = List.of("<img src=x onerror=alert('xss-img')>", "\"><script>alert('xss-script')</script>",
            "'><svg onload=alert('xss-svg')>", "javascript:alert('xss-href')");
    static final List<String> INJECTION = List.of("' OR '1'='1", "'; DROP TABLE companies; --", "%' UNION SELECT version(), null --",
            "\\'; SELECT pg_sleep(0) --", "') MATCH (n) DETACH DELETE n //", "{\"$gt\": \"\"}");
    static Attacker attacker;

    @Override
    protected String prefix() {
        return "attack";
    }

    @BeforeAll
    static void attacker() {
        attacker = new Attacker(platform);
    }

    /** Two demo companies' account numbers, read as an admin directly from Codex. */
    private static List<String> twoCompanies() {
        JsonNode companies = Attacker.JSON.readTree(attacker.get(attacker.direct("codex") + "/api/companies",
                attacker.token(Attacker.Level.ADMIN, "codex")).body());
        List<String> accts = new ArrayList<>();
        for (JsonNode c : companies) {
            accts.add(c.get("account_number").asString());
        }
        assertThat(accts).as("demo companies").hasSizeGreaterThanOrEqualTo(3);
        // not the first: journeys pick the first companies for their own checks
        return List.of(accts.get(accts.size() - 1), accts.get(accts.size() - 2));
    }

    private static HttpResponse<String> asAdmin(String service, String method, String path, String json) {
        return attacker.send(HttpRequest.newBuilder(URI.create(attacker.direct(service) + path))
                .header("Authorization", "Bearer " + attacker.token(Attacker.Level.ADMIN, service))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String json(Map<String, Object> body) {
        return Attacker.JSON.writeValueAsString(body);
    }

    @Test
    void storedAndReflectedXssIsInertInEveryPage() {
        assumeTrue(platform.ledger, "Codex and Ledger are not built");
        String acct = twoCompanies().get(0);
        Map<String, Object> company = new LinkedHashMap<>();
        company.put("description", String.join(" ", XSS));
        company.put("address", XSS.get(1));
        company.put("email_system", XSS.get(0));
        company.put("phone_system", XSS.get(2));
        company.put("company_main_number", XSS.get(3));
        company.put("domains", XSS.get(3) + "\n" + XSS.get(1));
        assertThat(asAdmin("codex", "PUT", "/companies/" + acct + "/update", json(company)).statusCode()).isEqualTo(200);
        HttpResponse<String> location = asAdmin("codex", "POST", "/companies/" + acct + "/locations",
                json(Map.of("name", XSS.get(0), "address", XSS.get(1), "phone_number", XSS.get(3))));
        assertThat(location.statusCode()).isEqualTo(200);
        HttpResponse<String> item = asAdmin("ledger", "POST", "/api/overrides/line-items/" + acct,
                json(Map.of("name", XSS.get(0), "description", XSS.get(1) + XSS.get(2), "monthly_fee", 0)));
        assertThat(item.statusCode()).isEqualTo(201);

        Page page = login("admins", "/codex/");
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        String q = Attacker.enc(XSS.get(1));
        List<String> pages = List.of("/codex/companies/" + acct, "/codex/companies/?search=" + q, "/codex/contacts/?search=" + q,
                "/codex/assets/?search=" + q, "/codex/", "/ledger/client/" + acct, "/ledger/client/" + acct + "/settings",
                "/ledger/?search=" + q, "/beacon/helpdesk", "/nexus/style-guide?x=" + q);
        List<String> injected = new ArrayList<>();
        for (String path : pages) {
            Response r = page.navigate(platform.origin + path);
            assertThat(r.status()).as(path).isLessThan(500);
            // handlers run on load; give a fired dialog no place to hide behind a pending navigation
            page.waitForLoadState();
            Object hostile = page.evaluate("() => [...document.querySelectorAll('img[src=x], svg[onload], [onerror], [onload]')].length"
                    + " + [...document.querySelectorAll('a[href]')].filter(a => a.getAttribute('href').trim().toLowerCase()"
                    + ".startsWith('javascript:')).length + [...document.scripts].filter(s => s.textContent.includes('xss-')).length");
            if (((Number) hostile).intValue() > 0) {
                injected.add(path + ": " + hostile + " hostile element(s)");
            }
        }
        page.navigate(platform.origin + "/codex/companies/" + acct);
        assertThat(page.content()).as("the payload is shown as text").contains("&lt;img src=x onerror=alert('xss-img')&gt;");
        shot(page, "01-xss-company");
        assertThat(dialogs).as("dialogs opened by payloads").isEmpty();
        assertThat(injected).as("pages with elements built from payloads").isEmpty();
        page.context().close();
        // the hostile rows go again, so runs do not pile them up in the shared e2e databases
        long locationId = Attacker.JSON.readTree(location.body()).path("location").path("id").asLong();
        assertThat(asAdmin("codex", "DELETE", "/companies/" + acct + "/locations/" + locationId, "").statusCode()).isEqualTo(200);
        long itemId = Attacker.JSON.readTree(item.body()).get("id").asLong();
        assertThat(asAdmin("ledger", "DELETE", "/api/overrides/line-items/" + acct + "/" + itemId, "").statusCode()).isEqualTo(200);
    }

    @Test
    void cookieAuthenticatedWritesNeedTheSessionTokenAndOrigin() {
        assumeTrue(platform.codex, "Codex is not built");
        Page page = login("admins", "/codex/");
        page.navigate(platform.origin + "/codex/");
        String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
        String url = platform.origin + "/codex/companies/zz-csrf-probe/locations";
        RequestOptions body = RequestOptions.create().setHeader("Content-Type", "application/json").setData("{\"name\":\"n\",\"address\":\"a\"}");

        APIResponse noToken = page.request().post(url, body.setHeader("Origin", platform.origin));
        assertThat(noToken.status()).as("same origin, no CSRF token").isEqualTo(403);
        APIResponse foreign = page.request().post(url, RequestOptions.create().setHeader("Content-Type", "application/json")
                .setData("{\"name\":\"n\",\"address\":\"a\"}").setHeader("Origin", "https://evil.example").setHeader("X-CSRF-Token", csrf));
        assertThat(foreign.status()).as("token, foreign origin").isEqualTo(403);
        APIResponse wrongToken = page.request().post(url, RequestOptions.create().setHeader("Content-Type", "application/json")
                .setData("{\"name\":\"n\",\"address\":\"a\"}").setHeader("Origin", platform.origin).setHeader("X-CSRF-Token", "forged"));
        assertThat(wrongToken.status()).as("same origin, wrong token").isEqualTo(403);
        APIResponse proper = page.request().post(url, RequestOptions.create().setHeader("Content-Type", "application/json")
                .setData("{\"name\":\"n\",\"address\":\"a\"}").setHeader("Origin", platform.origin).setHeader("X-CSRF-Token", csrf));
        assertThat(proper.status()).as("token and origin: past the CSRF check, the company does not exist").isEqualTo(404);
        page.context().close();
    }

    @Test
    void injectionStringsInSearchBoxesAreJustText() {
        assumeTrue(platform.ledger && platform.brainhair, "Codex, Ledger and Brainhair are not built");
        Page page = login("admins", "/codex/");
        Map<String, String> searches = new LinkedHashMap<>();
        searches.put("/codex/companies/api/search?search=", "companies");
        searches.put("/codex/contacts/api/search?search=", "contacts");
        searches.put("/codex/assets/api/search?search=", "assets");
        searches.put("/codex/api/companies?search=", null);
        searches.put("/ledger/archive/api/snapshots/search?company_name=", "snapshots");
        searches.put("/brainhair/api/chat/history/search?q=", "sessions");
        int before = count(page, "/codex/api/companies", null);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> search : searches.entrySet()) {
            int none = count(page, search.getKey() + "zz-no-such-thing-anywhere", search.getValue());
            for (String payload : INJECTION) {
                APIResponse r = page.request().get(platform.origin + search.getKey() + Attacker.enc(payload));
                if (r.status() >= 500) {
                    failures.add(search.getKey() + payload + " → " + r.status());
                } else if (r.status() == 200 && count(r, search.getValue()) != none) {
                    failures.add(search.getKey() + payload + " matched " + count(r, search.getValue()) + " rows, a nonsense string " + none);
                }
            }
        }
        for (String payload : INJECTION) {
            APIResponse r = page.request().get(platform.origin + "/codex/companies/?search=" + Attacker.enc(payload));
            assertThat(r.status()).as("companies page searching " + payload).isEqualTo(200);
            assertThat(r.text()).as("the page says nothing matched").doesNotContain("<td");
        }
        page.navigate(platform.origin + "/codex/companies/?search=" + Attacker.enc(INJECTION.get(0)));
        shot(page, "02-injection-search");
        assertThat(failures).isEmpty();
        assertThat(count(page, "/codex/api/companies", null)).as("companies after the injection attempts").isEqualTo(before);
        page.context().close();
    }

    private static int count(Page page, String path, String field) {
        APIResponse r = page.request().get(platform.origin + path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return count(r, field);
    }

    private static int count(APIResponse r, String field) {
        JsonNode body = Attacker.JSON.readTree(r.text());
        JsonNode list = field == null || body.isArray() ? body : body.get(field);
        if (list == null) {
            list = body.values().stream().filter(JsonNode::isArray).findFirst().orElse(null);
        }
        assertThat(list).as("a list in " + r.url()).isNotNull();
        return list.size();
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Page page = login("admins", "/codex/");
        List<String> paths = new ArrayList<>(List.of("/nexus/style-guide", "/logged-out", "/codex/no-such-page"));
        if (platform.codex) {
            paths.addAll(List.of("/codex/", "/codex/companies/", "/codex/contacts/", "/codex/assets/", "/codex/billing-plans/"));
        }
        if (platform.ledger) {
            paths.addAll(List.of("/ledger/", "/ledger/archive/"));
        }
        if (platform.beacon) {
            paths.addAll(List.of("/beacon/helpdesk", "/beacon/display/helpdesk"));
        }
        if (platform.brainhair) {
            paths.add("/brainhair/");
        }
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            checkHeaders(path, page.request().get(platform.origin + path).headers(), missing);
        }
        // without a session: the login redirect and Keycloak's own page as served through Nexus
        Page anonymous = freshContext().newPage();
        Response login = anonymous.navigate(platform.origin + "/codex/");
        anonymous.waitForSelector("#username");
        checkHeaders("Keycloak login page", login.allHeaders(), missing);
        assertThat(missing).isEmpty();
        anonymous.context().close();
        page.context().close();
    }

    private static void checkHeaders(String path, Map<String, String> headers, List<String> missing) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        expect(path, h, "content-security-policy", "frame-ancestors", missing);
        expect(path, h, "x-content-type-options", "nosniff", missing);
        expect(path, h, "x-frame-options", "", missing);
        expect(path, h, "referrer-policy", "", missing);
        expect(path, h, "strict-transport-security", "max-age=", missing);
    }

    private static void expect(String path, Map<String, String> headers, String name, String contains, List<String> missing) {
        String value = headers.get(name);
        if (value == null || !value.contains(contains)) {
            missing.add(path + ": " + name + (value == null ? " missing" : " = " + value));
        }
    }

    @Test
    void oneCompanysItemsCannotBeReachedThroughAnother() {
        assumeTrue(platform.ledger, "Codex and Ledger are not built");
        List<String> accts = twoCompanies();
        String a = accts.get(0);
        String b = accts.get(1);
        HttpResponse<String> location = asAdmin("codex", "POST", "/companies/" + a + "/locations",
                json(Map.of("name", "IDOR probe", "address", "1 Probe Street")));
        assertThat(location.statusCode()).isEqualTo(200);
        long locationId = Attacker.JSON.readTree(location.body()).path("location").path("id").asLong();
        assertThat(locationId).isPositive();
        assertThat(asAdmin("codex", "DELETE", "/companies/" + b + "/locations/" + locationId, "").statusCode()).isEqualTo(404);
        assertThat(asAdmin("codex", "GET", "/companies/" + a + "/locations", "").body()).contains("IDOR probe");
        assertThat(asAdmin("codex", "DELETE", "/companies/" + a + "/locations/" + locationId, "").statusCode()).as("through its own company")
                .isEqualTo(200);

        HttpResponse<String> item = asAdmin("ledger", "POST", "/api/overrides/line-items/" + a,
                json(Map.of("name", "IDOR probe", "monthly_fee", 0)));
        assertThat(item.statusCode()).isEqualTo(201);
        long itemId = Attacker.JSON.readTree(item.body()).get("id").asLong();
        assertThat(asAdmin("ledger", "PUT", "/api/overrides/line-items/" + b + "/" + itemId, json(Map.of("name", "moved"))).statusCode())
                .isEqualTo(404);
        assertThat(asAdmin("ledger", "DELETE", "/api/overrides/line-items/" + b + "/" + itemId, "").statusCode()).isEqualTo(404);
        assertThat(asAdmin("ledger", "GET", "/api/overrides/line-items/" + a, "").body()).contains("IDOR probe").doesNotContain("moved");
        assertThat(asAdmin("ledger", "DELETE", "/api/overrides/line-items/" + a + "/" + itemId, "").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiRateLimitAnswers429PerUser() throws Exception {
        assumeTrue(platform.codex, "Codex is not built");
        String[] noisy = platform.keycloak.createUser("technicians");
        String[] quiet = platform.keycloak.createUser("technicians");
        String noisyToken = platform.keycloak.passwordGrant(noisy[0], noisy[1]);
        String quietToken = platform.keycloak.passwordGrant(quiet[0], quiet[1]);
        String url = platform.origin + "/codex/api/public/user/theme";
        HttpClient http = HttpClient.newBuilder().sslContext(Platform.trustAll()).connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + noisyToken)
                .timeout(Duration.ofSeconds(30)).GET().build();
        AtomicBoolean limited = new AtomicBoolean();
        List<HttpResponse<String>> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Nexus's default budget is 1,000 requests a minute per user
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < 300 && !limited.get(); i++) {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 429) {
                            refused.add(r);
                            limited.set(true);
                        } else if (r.statusCode() != 200) {
                            throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused).as("a 429 within 2,400 requests (two windows' worth)").isNotEmpty();
        HttpResponse<String> tooMany = refused.get(0);
        assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
        assertThat(tooMany.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(attacker.send(request).statusCode()).as("still limited").isEqualTo(429);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + quietToken)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("another user is not affected").isEqualTo(200);
    }
}
