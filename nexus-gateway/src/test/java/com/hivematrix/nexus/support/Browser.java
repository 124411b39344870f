package com.hivematrix.nexus.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.springframework.web.util.HtmlUtils;

/**
 * A minimal browser over real HTTPS: one cookie jar (name → value, sent to every path of the gateway's
 * origin, so a backend would see any cookie the relay failed to strip), redirects followed by hand,
 * Accept text/html like a page load. Trusts the gateway's self-signed certificate.
 */
public final class Browser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern LOGIN_FORM_ALT = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"", Pattern.DOTALL);

    private final HttpClient http;
    private final String origin;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Browser(String origin) {
        this.origin = origin;
        this.http = HttpClient.newBuilder().sslContext(trustAll()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(request(pathOrUrl).GET().build());
    }

    public HttpResponse<String> get(String pathOrUrl, String accept) {
        return send(request(pathOrUrl).setHeader("Accept", accept).GET().build());
    }

    public HttpResponse<String> post(String pathOrUrl, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = request(pathOrUrl).header("Content-Type", contentType);
        headers.forEach(b::setHeader);
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(pathOrUrl, "application/x-www-form-urlencoded", form, Map.of("Origin", origin));
    }

    /** Follows redirects from {@code response} (GET), at most 10 hops; returns the first non-redirect. */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        for (int i = 0; i < 10 && isRedirect(response); i++) {
            response = get(response.headers().firstValue("Location").orElseThrow());
        }
        return response;
    }

    /**
     * Logs in the way a person does: open {@code path}, get sent to /login and on to Keycloak's page
     * (through the gateway), submit the form, come back through the callback; returns the final page.
     */
    public HttpResponse<String> login(String path, String username, String password) {
        HttpResponse<String> page = follow(get(path));
        String action = loginFormAction(page);
        HttpResponse<String> afterForm = postForm(action, Map.of("username", username, "password", password, "credentialId", ""));
        if (!isRedirect(afterForm)) {
            throw new IllegalStateException("Keycloak did not accept the login form (" + afterForm.statusCode() + "): "
                    + afterForm.body().substring(0, Math.min(2000, afterForm.body().length())));
        }
        return follow(afterForm);
    }

    public static String loginFormAction(HttpResponse<String> page) {
        Matcher m = LOGIN_FORM.matcher(page.body());
        if (!m.find()) {
            m = LOGIN_FORM_ALT.matcher(page.body());
            if (!m.find()) {
                throw new IllegalStateException("No Keycloak login form at " + page.uri() + " (" + page.statusCode() + "): "
                        + page.body().substring(0, Math.min(2000, page.body().length())));
            }
        }
        return HtmlUtils.htmlUnescape(m.group(1));
    }

    public static boolean isRedirect(HttpResponse<?> r) {
        return r.statusCode() >= 301 && r.statusCode() <= 308 && r.headers().firstValue("Location").isPresent();
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(origin + pathOrUrl);
        if (!uri.toString().startsWith(origin + "/")) {
            throw new IllegalStateException("The browser left the gateway's origin: " + uri);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            remember(response.headers().allValues("Set-Cookie"));
            return response;
        } catch (java.net.http.HttpTimeoutException e) {
            // the gateway runs in this JVM: its threads show where a hung request waits
            throw new IllegalStateException("Request timed out: " + request.uri() + " (sent cookies " + cookies.keySet()
                    + ")\nThreads of the gateway's JVM:\n" + threadDump(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState()).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    private void remember(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970") || lower.contains("expires=thu, 01-jan-1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    public static SSLContext trustAllContext() {
        return trustAll();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
