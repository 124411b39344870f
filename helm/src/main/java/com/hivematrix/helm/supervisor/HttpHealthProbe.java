package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * GET of a health URL: 200 is healthy, and so is a 503 health document saying "degraded" (the
 * service runs on a fallback, e.g. without Redis), as in the launcher. Only loopback URLs are
 * probed, so Nexus's self-signed development certificate is accepted there.
 */
public final class HttpHealthProbe implements HealthProbe {

    private static final int TIMEOUT_MS = 2000;
    private static final SSLSocketFactory TRUST_LOOPBACK = trustAll();

    private final URI uri;

    public HttpHealthProbe(URI uri) {
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("health URL must be on loopback: " + uri);
        }
        this.uri = uri;
    }

    @Override
    public Result check() {
        long start = System.nanoTime();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
            if (c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_LOOPBACK);
                https.setHostnameVerifier((h, s) -> true);
            }
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            int code = c.getResponseCode();
            String body = code == 503 ? read(c.getErrorStream()) : "";
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (code == 200) {
                return new Result(true, ms, "HTTP 200");
            }
            boolean degraded = code == 503 && body.replace(" ", "").contains("\"status\":\"degraded\"");
            return new Result(degraded, ms, degraded ? "HTTP 503 degraded" : "HTTP " + code);
        } catch (IOException e) {
            return new Result(false, (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static SSLSocketFactory trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
