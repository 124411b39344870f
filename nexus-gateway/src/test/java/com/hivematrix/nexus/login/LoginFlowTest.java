package com.hivematrix.nexus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.hivematrix.nexus.support.Browser;
import com.hivematrix.nexus.support.PlatformTestBase;

import tools.jackson.databind.JsonNode;

/** The login with every real part (see {@link PlatformTestBase}), and what the edge enforces for a logged-in user. */
class LoginFlowTest extends PlatformTestBase {

    @Test
    void loginThroughKeycloakRelaysTheHiveMatrixJwtAndNoBrowserCookies() {
        String[] user = user("technicians");
        Browser browser = new Browser(ORIGIN);

        HttpResponse<String> first = browser.get("/codex/echo?id=1&id=2");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/login?next=%2Fcodex%2Fecho%3Fid%3D1%26id%3D2");

        HttpResponse<String> landed = browser.login("/codex/echo?id=1&id=2", user[0], user[1]);
        JsonNode echo = json(landed);
        assertThat(landed.uri().toString()).isEqualTo(ORIGIN + "/codex/echo?id=1&id=2");
        assertThat(echo.get("uri").asString()).isEqualTo("/echo?id=1&id=2");

        JsonNode headers = echo.get("headers");
        JsonNode claims = claims(headers.get("authorization").asString());
        assertThat(claims.get("iss").asString()).isEqualTo("hivematrix-core");
        assertThat(claims.get("preferred_username").asString()).isEqualTo(user[0]);
        assertThat(claims.get("permission_level").asString()).isEqualTo("technician");
        assertThat(claims.get("jti").asString()).isNotBlank();
        assertThat(headers.get("x-forwarded-prefix").asString()).isEqualTo("/codex");
        assertThat(headers.get("x-forwarded-proto").asString()).isEqualTo("https");

        // the browser holds Nexus's session cookie and Keycloak's SSO cookies; the backend sees none of them
        assertThat(browser.cookies()).containsKey("HMSESSION");
        assertThat(browser.cookies().keySet()).anyMatch(n -> n.startsWith("KEYCLOAK_"));
        String cookieHeader = headers.has("cookie") ? headers.get("cookie").asString() : "";
        assertThat(cookieHeader).doesNotContain("HMSESSION").doesNotContain("KEYCLOAK_").doesNotContain("AUTH_SESSION_ID");

        // home: helm is admin-only, so a technician lands on codex
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValue("/codex/");
    }

    @Test
    void apiClientsKeycloakTokenIsExchangedAndTheHiveMatrixJwtRelayed() throws Exception {
        String[] user = user("technicians");
        String keycloakToken = KEYCLOAK.passwordGrant(user[0], user[1]);
        HttpClient http = HttpClient.newBuilder().sslContext(Browser.trustAllContext()).build();

        HttpResponse<String> first = http.send(apiCall("/codex/echo?id=7", keycloakToken), HttpResponse.BodyHandlers.ofString());
        JsonNode headers = json(first).get("headers");
        String relayed = headers.get("authorization").asString();
        assertThat(relayed).isNotEqualTo("Bearer " + keycloakToken);
        JsonNode claims = claims(relayed);
        assertThat(claims.get("iss").asString()).isEqualTo("hivematrix-core");
        assertThat(claims.get("preferred_username").asString()).isEqualTo(user[0]);
        assertThat(claims.get("permission_level").asString()).isEqualTo("technician");

        // the exchange is kept for the token: the next call relays the same HiveMatrix session
        HttpResponse<String> second = http.send(apiCall("/codex/echo", keycloakToken), HttpResponse.BodyHandlers.ofString());
        assertThat(json(second).get("headers").get("authorization").asString()).isEqualTo(relayed);

        // a technician's token does not open an admin-only service
        HttpResponse<String> helm = http.send(apiCall("/helm/echo", keycloakToken), HttpResponse.BodyHandlers.ofString());
        assertThat(helm.statusCode()).isEqualTo(403);

        // once Core revokes that session, the token is refused — and stays refused, not re-exchanged into a new session
        assertThat(CORE.revoke(relayed.substring(7))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(apiCall("/codex/echo", keycloakToken), HttpResponse.BodyHandlers.ofString()).statusCode() == 401);
        assertThat(http.send(apiCall("/codex/echo", keycloakToken), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void forgedBearerTokenIsRefusedWithAProblem() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(Browser.trustAllContext()).build();
        HttpResponse<String> refused = http.send(apiCall("/codex/echo", "not.a.token"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).isEqualTo("Invalid access token");
    }

    private static HttpRequest apiCall(String path, String bearer) {
        return HttpRequest.newBuilder(URI.create(ORIGIN + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .GET().build();
    }

    @Test
    void revokedSessionIsSentBackToLogin() {
        Browser browser = loggedIn("technicians");
        String jwt = json(browser.get("/codex/echo")).get("headers").get("authorization").asString().substring(7);

        assertThat(CORE.revoke(jwt)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.get("/codex/echo").statusCode() == 302);
        HttpResponse<String> after = browser.get("/codex/echo");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
        assertThat(browser.get("/codex/echo", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutRevokesAtCoreEndsKeycloakSessionAndClearsTheSite() {
        Browser browser = loggedIn("technicians");
        String jwt = json(browser.get("/codex/echo")).get("headers").get("authorization").asString().substring(7);

        HttpResponse<String> logout = browser.get("/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow())
                .startsWith("/keycloak/realms/" + KEYCLOAK.realm() + "/protocol/openid-connect/logout?id_token_hint=");
        HttpResponse<String> loggedOut = browser.follow(logout);
        assertThat(loggedOut.uri().getPath()).isEqualTo("/logged-out");
        assertThat(loggedOut.statusCode()).isEqualTo(200);
        assertThat(loggedOut.headers().firstValue("Clear-Site-Data")).hasValue("\"cache\", \"cookies\", \"storage\"");
        assertThat(loggedOut.body()).contains("You have been logged out");

        // revoked at Core: even a client holding the raw JWT is refused
        assertThat(coreValidate(jwt)).isFalse();

        HttpResponse<String> protectedPage = browser.get("/codex/echo");
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        assertThat(protectedPage.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");

        // Keycloak's SSO session ended too: a new login asks for the password again
        HttpResponse<String> again = browser.follow(protectedPage);
        assertThat(Browser.loginFormAction(again)).contains("/keycloak/realms/" + KEYCLOAK.realm() + "/login-actions/");
    }

    @Test
    void clientLevelUserIsRefusedAdminAndBillingServices() {
        Browser client = loggedIn("client");
        assertThat(client.get("/helm/echo").statusCode()).isEqualTo(403);
        assertThat(client.get("/helm/echo").body()).contains("permission");
        assertThat(client.get("/ledger/echo", "application/json").statusCode()).isEqualTo(403);
        assertThat(client.get("/beacon/echo", "application/json").statusCode()).isEqualTo(200);

        Browser admin = loggedIn("admins");
        assertThat(claims(json(admin.get("/helm/echo")).get("headers").get("authorization").asString())
                .get("permission_level").asString()).isEqualTo("admin");
        assertThat(admin.get("/ledger/echo", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void crossSiteStateChangesAreRefused() {
        Browser browser = loggedIn("technicians");
        HttpResponse<String> crossSite = browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Origin", "https://evil.example", "Accept", "application/json"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("Cross-site request refused");

        HttpResponse<String> noOrigin = browser.post("/codex/echo", "application/json", "{\"a\":1}", Map.of("Accept", "application/json"));
        assertThat(noOrigin.statusCode()).isEqualTo(403);

        // same origin but without the session's token: still refused
        HttpResponse<String> noToken = browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Origin", ORIGIN, "Accept", "application/json"));
        assertThat(noToken.statusCode()).isEqualTo(403);

        // the token every composed page carries
        Matcher meta = Pattern.compile("<meta name=\"csrf-token\" content=\"([A-Za-z0-9_-]{43})\">")
                .matcher(browser.get("/codex/page").body());
        assertThat(meta.find()).as("composed page has the CSRF meta tag").isTrue();
        String token = meta.group(1);

        HttpResponse<String> wrongToken = browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Origin", ORIGIN, "X-CSRF-Token", token.substring(1) + "x", "Accept", "application/json"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSiteWithToken = browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Origin", "https://evil.example", "X-CSRF-Token", token, "Accept", "application/json"));
        assertThat(crossSiteWithToken.statusCode()).isEqualTo(403);

        HttpResponse<String> refererOnly = browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Referer", ORIGIN + "/codex/page", "X-CSRF-Token", token, "Accept", "application/json"));
        assertThat(json(refererOnly).get("method").asString()).isEqualTo("POST");

        JsonNode sameSite = json(browser.post("/codex/echo", "application/json", "{\"a\":1}",
                Map.of("Origin", ORIGIN, "X-CSRF-Token", token, "Accept", "application/json")));
        assertThat(sameSite.get("method").asString()).isEqualTo("POST");
        assertThat(sameSite.get("body").asString()).isEqualTo("{\"a\":1}");

        // a form posts the token in its action URL; the service never sees it
        JsonNode form = json(browser.post("/codex/echo?id=1&_csrf=" + token + "&id=2", "application/x-www-form-urlencoded", "a=1",
                Map.of("Origin", ORIGIN, "Accept", "application/json")));
        assertThat(form.get("uri").asString()).isEqualTo("/echo?id=1&id=2");
        assertThat(form.get("body").asString()).isEqualTo("a=1");
    }

    @Test
    void perUserRateLimitAnswers429WithRetryAfter() {
        Browser browser = loggedIn("technicians");
        Browser other = loggedIn("technicians");
        HttpResponse<String> limited = null;
        // a fixed window: 2 × limit + 1 requests exceed it even if a window boundary falls in between
        for (int i = 0; i < 2 * RATE_LIMIT + 1 && limited == null; i++) {
            HttpResponse<String> r = browser.get("/codex/echo", "application/json");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a 429 within %d requests", 2 * RATE_LIMIT + 1).isNotNull();
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(limited.body()).get("status").asInt()).isEqualTo(429);
        // per user: someone else is not affected
        assertThat(other.get("/codex/echo", "application/json").statusCode()).isEqualTo(200);
    }

    static boolean coreValidate(String jwt) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(CORE.url() + "/api/token/validate"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"" + jwt + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("valid").asBoolean();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
