package com.hivematrix.codex.psa.freshservice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivematrix.codex.psa.PsaException;
import com.hivematrix.codex.vendor.RetryAfter;
import com.hivematrix.codex.web.Rows;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HTTP access to the Freshservice v2 API: Basic auth {@code (api_key, "X")}, client-side pacing
 * (a minimum gap between calls), {@code Retry-After} honoured on 429, retries for 5xx and network
 * errors, paging by the {@code link} header (falling back to "a full page means there may be more").
 */
public class FreshserviceClient {

    private static final Logger log = LoggerFactory.getLogger(FreshserviceClient.class);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 100_000;

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final long pacingMillis;
    private final int maxAttempts;
    private final long maxRetryAfterSeconds;
    private final long backoffMillis;
    private long lastCall;

    public FreshserviceClient(String baseUrl, String apiKey, Duration pacing, int maxAttempts, long maxRetryAfterSeconds) {
        this(baseUrl, apiKey, pacing, maxAttempts, maxRetryAfterSeconds, Duration.ofSeconds(1));
    }

    /** {@code backoff}: the first wait before retrying a 5xx or network error; later waits grow quadratically (max 10 s). */
    public FreshserviceClient(String baseUrl, String apiKey, Duration pacing, int maxAttempts, long maxRetryAfterSeconds, Duration backoff) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":X").getBytes(StandardCharsets.UTF_8));
        this.pacingMillis = pacing.toMillis();
        this.maxAttempts = maxAttempts;
        this.maxRetryAfterSeconds = maxRetryAfterSeconds;
        this.backoffMillis = backoff.toMillis();
    }

    /** One GET; null on 404 (the PSA does not know the object). */
    public JsonNode get(String pathAndQuery) {
        Response r = call(url(pathAndQuery));
        return r == null ? null : r.body;
    }

    /**
     * Every item of a paged list, page by page. A failing page throws: the caller never sees a
     * short list it could mistake for the whole.
     */
    public void pages(String path, String key, Consumer<List<JsonNode>> onPage) {
        String next = url(path + (path.contains("?") ? "&" : "?") + "page=1&per_page=" + PER_PAGE);
        int page = 1;
        while (next != null) {
            if (page > MAX_PAGES) {
                throw new PsaException.Api("Freshservice paging did not end after " + MAX_PAGES + " pages of " + path);
            }
            Response r = call(next);
            if (r == null) {
                throw new PsaException.Api("Freshservice answered 404 for " + path + " page " + page);
            }
            JsonNode items = r.body.get(key);
            if (items == null || !items.isArray()) {
                throw new PsaException.Api("Malformed Freshservice response for " + path + " page " + page + ": no \"" + key + "\" list");
            }
            List<JsonNode> list = new ArrayList<>(items.size());
            items.forEach(list::add);
            if (!list.isEmpty()) {
                onPage.accept(list);
            }
            if (r.next != null) {
                next = sameOrigin(r.next);
            } else if (list.size() >= PER_PAGE && r.linkHeaderAbsent) {
                next = url(path + (path.contains("?") ? "&" : "?") + "page=" + (page + 1) + "&per_page=" + PER_PAGE);
            } else {
                next = null;
            }
            page++;
        }
    }

    /**
     * One PUT with a JSON body, not retried (a write is not known to be idempotent on every
     * Freshservice object); 429 is a {@link PsaException.RateLimit} the caller counts as a failure.
     */
    public JsonNode put(String path, Object body) {
        pace();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).header("Accept", "application/json").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Rows.JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PsaException.Api("Freshservice unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsaException.Api("Interrupted while calling Freshservice", e);
        }
        int status = r.statusCode();
        if (status == 401 || status == 403) {
            throw new PsaException.Authentication("Freshservice rejected the API key (HTTP " + status + ") for " + path);
        }
        if (status == 429) {
            throw new PsaException.RateLimit("Freshservice rate limit on " + path);
        }
        if (status != 200) {
            throw new PsaException.Api("Freshservice answered HTTP " + status + " for " + path + ": " + excerpt(r.body()));
        }
        try {
            return Rows.JSON.readTree(r.body());
        } catch (JacksonException e) {
            throw new PsaException.Api("Malformed JSON from Freshservice for " + path, e);
        }
    }

    public List<JsonNode> all(String path, String key) {
        List<JsonNode> out = new ArrayList<>();
        pages(path, key, out::addAll);
        return out;
    }

    /** The API key is never sent to another host: a next link elsewhere is re-based onto our base URL. */
    String sameOrigin(String link) {
        if (link.startsWith(baseUrl + "/") || link.startsWith(baseUrl + "?")) {
            return link;
        }
        URI u = URI.create(link);
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        int v2 = p.indexOf("/api/v2");
        String tail = v2 >= 0 ? p.substring(v2 + "/api/v2".length()) : p;
        return url(tail + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }

    private String url(String pathAndQuery) {
        return baseUrl + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery;
    }

    private record Response(JsonNode body, String next, boolean linkHeaderAbsent) {
    }

    private Response call(String url) {
        PsaException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            pace();
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                        .header("Authorization", authorization).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = new PsaException.Api("Freshservice unreachable: " + e.getMessage(), e);
                backoff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PsaException.Api("Interrupted while calling Freshservice", e);
            }
            int status = r.statusCode();
            if (status == 200) {
                try {
                    JsonNode body = Rows.JSON.readTree(r.body());
                    String link = r.headers().firstValue("link").orElse(null);
                    String next = null;
                    if (link != null) {
                        Matcher m = NEXT.matcher(link);
                        if (m.find()) {
                            next = m.group(1);
                        }
                    }
                    return new Response(body, next, link == null);
                } catch (JacksonException e) {
                    throw new PsaException.Api("Malformed JSON from Freshservice for " + path(url), e);
                }
            }
            if (status == 401 || status == 403) {
                throw new PsaException.Authentication("Freshservice rejected the API key (HTTP " + status + ") for " + path(url));
            }
            if (status == 404) {
                return null;
            }
            if (status == 429) {
                long wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
                log.warn("Freshservice rate limit on {}; waiting {} s (attempt {}/{})", path(url), wait, attempt, maxAttempts);
                last = new PsaException.RateLimit("Freshservice rate limit still exceeded after " + maxAttempts + " attempts");
                if (attempt < maxAttempts) {
                    sleep(wait * 1000);
                }
                continue;
            }
            if (status >= 500) {
                last = new PsaException.Api("Freshservice error HTTP " + status + " for " + path(url));
                backoff(attempt);
                continue;
            }
            throw new PsaException.Api("Freshservice answered HTTP " + status + " for " + path(url) + ": " + excerpt(r.body()));
        }
        throw last;
    }

    long retryAfter(String header) {
        return RetryAfter.seconds(header, maxRetryAfterSeconds);
    }

    private void backoff(int attempt) {
        if (attempt < maxAttempts) {
            sleep(RetryAfter.backoffMillis(backoffMillis, attempt));
        }
    }

    private synchronized void pace() {
        long now = System.currentTimeMillis();
        long wait = lastCall + pacingMillis - now;
        if (wait > 0) {
            sleep(wait);
        }
        lastCall = System.currentTimeMillis();
    }

    private static void sleep(long millis) {
        RetryAfter.pause(millis, e -> new PsaException.Api("Interrupted while waiting to call Freshservice", e));
    }

    private String path(String url) {
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
