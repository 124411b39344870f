package com.hivematrix.codex.vendor.superops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.RetryAfter;
import com.hivematrix.codex.vendor.VendorFailures;
import com.hivematrix.codex.web.Rows;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The SuperOps GraphQL API: one endpoint ({@code /msp}), a bearer API token and the
 * {@code CustomerSubDomain} header; list queries take {@code ListInfoInput {page, pageSize,
 * condition}} and answer {@code listInfo.hasMore}. GraphQL errors arrive in a 200 answer's
 * {@code errors} list; {@code Retry-After} is honoured on 429. One SuperOps account is both the
 * PSA and the RMM, so both providers use this client with the same settings; each passes the
 * {@link VendorFailures} of its own side.
 */
public class SuperOpsClient {

    /** Region → API endpoint (spec §6.1's SuperOps URLs). */
    public static final Map<String, String> REGIONS = Map.of("us", "https://api.superops.ai/msp", "eu", "https://euapi.superops.ai/msp");

    private static final Logger log = LoggerFactory.getLogger(SuperOpsClient.class);
    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100_000;

    private final HttpClient http;
    private final String endpoint;
    private final String apiToken;
    private final String subdomain;
    private final int maxAttempts;
    private final long maxRetryAfterSeconds;
    private final long backoffMillis;
    private final VendorFailures failures;

    public SuperOpsClient(String endpoint, String apiToken, String subdomain, int maxAttempts, long maxRetryAfterSeconds, Duration backoff,
            VendorFailures failures) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = endpoint;
        this.apiToken = apiToken;
        this.subdomain = subdomain;
        this.maxAttempts = maxAttempts;
        this.maxRetryAfterSeconds = maxRetryAfterSeconds;
        this.backoffMillis = backoff.toMillis();
        this.failures = failures;
    }

    /**
     * Built from the stored {@code superops.*} settings on every run; {@code baseUrlOverride} is
     * deployment configuration (a proxy or a test double), never editable from the admin page.
     */
    public static SuperOpsClient fromSettings(SettingsService settings, String baseUrlOverride, VendorFailures failures) {
        String token = settings.get("superops.api_key").orElse(null);
        String subdomain = settings.get("superops.subdomain").orElse(null);
        if (token == null || subdomain == null) {
            throw failures.notConfigured("SuperOps is not configured: set its subdomain and API token in the admin settings");
        }
        String endpoint = baseUrlOverride != null ? baseUrlOverride
                : settings.get("superops.base_url").orElse(REGIONS.getOrDefault(settings.get("superops.region", "us"), REGIONS.get("us")));
        return new SuperOpsClient(endpoint, token, subdomain, settings.getInt("superops.max_attempts", 4),
                settings.getInt("superops.max_retry_after_s", 120), Duration.ofMillis(settings.getInt("superops.retry_backoff_ms", 1000)), failures);
    }

    /**
     * The client custom field (its column name, e.g. {@code udf1text}) holding the Codex account
     * number: SuperOps has no account-number field of its own, and PSA and RMM read the same one.
     */
    public static String accountNumberField(SettingsService settings) {
        return settings.get("superops.account_number_field", "account_number");
    }

    public String subdomain() {
        return subdomain;
    }

    /** Runs one query; returns its {@code data} object. */
    public JsonNode query(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        String json = Rows.JSON.writeValueAsString(body);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + apiToken).header("CustomerSubDomain", subdomain)
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = failures.api("SuperOps unreachable: " + e.getMessage(), e);
                backoff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failures.api("Interrupted while calling SuperOps", e);
            }
            int status = r.statusCode();
            if (status == 401 || status == 403) {
                throw failures.authentication("SuperOps rejected the API token (HTTP " + status + ")");
            }
            if (status == 429) {
                long wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
                log.warn("SuperOps rate limit; waiting {} s (attempt {}/{})", wait, attempt, maxAttempts);
                last = failures.rateLimit("SuperOps rate limit still exceeded after " + maxAttempts + " attempts");
                if (attempt < maxAttempts) {
                    sleep(wait * 1000);
                }
                continue;
            }
            if (status >= 500) {
                last = failures.api("SuperOps error HTTP " + status, null);
                backoff(attempt);
                continue;
            }
            if (status != 200) {
                throw failures.api("SuperOps answered HTTP " + status, null);
            }
            JsonNode root;
            try {
                root = Rows.JSON.readTree(r.body());
            } catch (JacksonException e) {
                throw failures.api("Malformed JSON from SuperOps", e);
            }
            JsonNode errors = root.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                String message = errors.get(0).path("message").asString("GraphQL error");
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("unauthori") || lower.contains("authenticat") || lower.contains("invalid token")) {
                    throw failures.authentication("SuperOps rejected the API token: " + message);
                }
                throw failures.api("SuperOps GraphQL error: " + message, null);
            }
            JsonNode data = root.get("data");
            if (data == null || data.isNull()) {
                throw failures.api("Malformed SuperOps response: no data", null);
            }
            return data;
        }
        throw last;
    }

    /**
     * Every item of a list query, page by page ({@code field} is the query's name, {@code key}
     * its item list); stops when {@code listInfo.hasMore} is false. A failing page throws.
     */
    public void pages(String query, String field, String key, Object condition, Consumer<List<JsonNode>> onPage) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("page", page);
            input.put("pageSize", PAGE_SIZE);
            if (condition != null) {
                input.put("condition", condition);
            }
            JsonNode result = query(query, Map.of("input", input)).get(field);
            JsonNode items = result == null ? null : result.get(key);
            if (items == null || !items.isArray()) {
                throw failures.api("Malformed SuperOps response for " + field + " page " + page + ": no \"" + key + "\" list", null);
            }
            List<JsonNode> list = new java.util.ArrayList<>(items.size());
            items.forEach(list::add);
            if (!list.isEmpty()) {
                onPage.accept(list);
            }
            if (!result.path("listInfo").path("hasMore").asBoolean(false) || list.isEmpty()) {
                return;
            }
        }
        throw failures.api("SuperOps paging did not end after " + MAX_PAGES + " pages of " + field, null);
    }

    long retryAfter(String header) {
        return RetryAfter.seconds(header, maxRetryAfterSeconds);
    }

    private void backoff(int attempt) {
        if (attempt < maxAttempts) {
            sleep(RetryAfter.backoffMillis(backoffMillis, attempt));
        }
    }

    private void sleep(long millis) {
        RetryAfter.pause(millis, e -> failures.api("Interrupted while waiting to call SuperOps", e));
    }
}
