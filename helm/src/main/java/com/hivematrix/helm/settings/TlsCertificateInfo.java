package com.hivematrix.helm.settings;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate Nexus presents, read the way a browser sees it: a TLS handshake with Nexus's
 * port on loopback (no keystore password needed). Self-signed certificates are accepted here
 * because they are only described, never trusted for anything.
 */
public record TlsCertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, List<String> names,
        boolean selfSigned, String sha256, String error) {

    public static TlsCertificateInfo read(int port) {
        try (SSLSocket socket = (SSLSocket) describeOnly().getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(3000);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            X509Certificate c = (X509Certificate) chain[0];
            List<String> names = new ArrayList<>();
            if (c.getSubjectAlternativeNames() != null) {
                c.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
            }
            String sha = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            return new TlsCertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), names,
                    c.getSubjectX500Principal().equals(c.getIssuerX500Principal()), sha, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new TlsCertificateInfo(null, null, null, null, List.of(), false, null,
                    "no TLS answer on 127.0.0.1:" + port + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Days until expiry (negative once expired). */
    public Long daysLeft() {
        return notAfter == null ? null : java.time.Duration.between(Instant.now(), notAfter).toDays();
    }

    private static SSLContext describeOnly() throws GeneralSecurityException {
        TrustManager any = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {any}, null);
        return ctx;
    }
}
