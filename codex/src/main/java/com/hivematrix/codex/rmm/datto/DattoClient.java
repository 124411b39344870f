package com.hivematrix.codex.rmm.datto;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivematrix.codex.rmm.RmmException;
import com.hivematrix.codex.vendor.RetryAfter;
import com.hivematrix.codex.web.Rows;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HTTP access to the Datto RMM API v2 (spec §6.2): an OAuth password-grant token (Basic
 * {@code public-client:public}, the API key and secret as user and password) kept for the run and
 * fetched again once when it expires mid-run; list paging by {@code pageDetails.nextPageUrl};
 * {@code Retry-After} honoured on 429; retries for 5xx and network errors; 401/403 stop the run.
 */
public class DattoClient {

    private static final Logger log = LoggerFactory.getLogger(DattoClient.class);
    private static final String CLIENT_BASIC = "Basic " + Base64.getEncoder().encodeToString("public-client:public".getBytes(StandardCharsets.UTF_8));
    private static final int MAX_PAGES = 10_000;

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final String apiSecret;
    private final int maxAttempts;
    private final long maxRetryAfterSeconds;
    private final long backoffMillis;
    private String token;

    public DattoClient(String baseUrl, String apiKey, String apiSecret, int maxAttempts, long maxRetryAfterSeconds, Duration backoff) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.maxAttempts = maxAttempts;
        this.maxRetryAfterSeconds = maxRetryAfterSeconds;
        this.backoffMillis = backoff.toMillis();
    }

    /** One GET under {@code /api/v2}. */
    public JsonNode get(String path) {
        return send("GET", url(path), null);
    }

    /** A write (PUT/POST) with a JSON body under {@code /api/v2}. */
    public JsonNode write(String method, String path, Object body) {
        return send(method, url(path), Rows.JSON.writeValueAsString(body));
    }

    /** Every item of a paged list: follows {@code pageDetails.nextPageUrl} until it is null; a failing page throws. */
    public List<JsonNode> all(String path, String key) {
        List<JsonNode> out = new ArrayList<>();
        String next = url(path);
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES) {
                throw new RmmException("Datto RMM paging did not end after " + MAX_PAGES + " pages of " + path);
            }
            JsonNode body = send("GET", next, null);
            JsonNode items = body.get(key);
            if (items == null || !items.isArray()) {
                throw new RmmException("Malformed Datto RMM response for " + path + " page " + page + ": no \"" + key + "\" list");
            }
            items.forEach(out::add);
            JsonNode link = body.path("pageDetails").get("nextPageUrl");
            next = link == null || link.isNull() || link.asString("").isBlank() ? null : sameOrigin(link.asString());
        }
        return out;
    }

    /** Credentials are never sent to another host: a next link elsewhere is re-based onto the configured API URL. */
    String sameOrigin(String link) {
        if (link.startsWith(baseUrl + "/")) {
            return link;
        }
        URI u = URI.create(link);
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        int api = p.indexOf("/api/v2");
        return baseUrl + (api >= 0 ? p.substring(api) : p) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private String url(String path) {
        return baseUrl + "/api/v2" + (path.startsWith("/") ? "" : "/") + path;
    }

    private String token(boolean renew) {
        if (token != null && !renew) {
            return token;
        }
        String form = "grant_type=password&username=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(apiSecret, StandardCharsets.UTF_8);
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/oauth/token")).timeout(Duration.ofSeconds(30))
                .header("Authorization", CLIENT_BASIC).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build(), "/auth/oauth/token");
        if (r.statusCode() == 400 || r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RmmException.Authentication("Datto RMM rejected the API key and secret (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() != 200) {
            throw new RmmException("Datto RMM token request failed: HTTP " + r.statusCode());
        }
        try {
            JsonNode body = Rows.JSON.readTree(r.body());
            String t = body.path("access_token").asString("");
            if (t.isBlank()) {
                throw new RmmException("Datto RMM token response has no access_token");
            }
            token = t;
            return t;
        } catch (JacksonException e) {
            throw new RmmException("Malformed Datto RMM token response", e);
        }
    }

    private JsonNode send(String method, String url, String json) {
        RmmException last = null;
        boolean renewed = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token(false)).header("Accept", "application/json");
            if (json == null) {
                b.GET();
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = new RmmException("Datto RMM unreachable: " + e.getMessage(), e);
                backoff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RmmException("Interrupted while calling Datto RMM", e);
            }
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    return r.body() == null || r.body().isBlank() ? Rows.JSON.createObjectNode() : Rows.JSON.readTree(r.body());
                } catch (JacksonException e) {
                    throw new RmmException("Malformed JSON from Datto RMM for " + path(url), e);
                }
            }
            if (status == 401 && !renewed) {
                // the token of a long run expired: one fresh token, then a 401 means the credentials are bad
                renewed = true;
                token(true);
                attempt--;
                continue;
            }
            if (status == 401 || status == 403) {
                throw new RmmException.Authentication("Datto RMM refused the request (HTTP " + status + ") for " + path(url)
                        + ": check the API key, secret and the API user's permissions");
            }
            if (status == 429) {
                long wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
                log.warn("Datto RMM rate limit on {}; waiting {} s (attempt {}/{})", path(url), wait, attempt, maxAttempts);
                last = new RmmException.RateLimit("Datto RMM rate limit still exceeded after " + maxAttempts + " attempts for " + path(url));
                if (attempt < maxAttempts) {
                    sleep(wait * 1000);
                }
                continue;
            }
            if (status >= 500) {
                last = new RmmException("Datto RMM error HTTP " + status + " for " + path(url));
                backoff(attempt);
                continue;
            }
            throw new RmmException("Datto RMM answered HTTP " + status + " for " + path(url));
        }
        throw last;
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RmmException("Datto RMM unreachable (" + what + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmmException("Interrupted while calling Datto RMM", e);
        }
    }

    long retryAfter(String header) {
        return RetryAfter.seconds(header, maxRetryAfterSeconds);
    }

    private void backoff(int attempt) {
        if (attempt < maxAttempts) {
            sleep(RetryAfter.backoffMillis(backoffMillis, attempt));
        }
    }

    private static void sleep(long millis) {
        RetryAfter.pause(millis, e -> new RmmException("Interrupted while waiting to call Datto RMM", e));
    }

    private String path(String url) {
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }
}
