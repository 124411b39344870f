package com.hivematrix.codex.psa;

import com.hivematrix.codex.vendor.VendorFailures;

/** A PSA call failed; the message is what the sync job records and the admin sees. */
public class PsaException extends RuntimeException {

    /** How a shared vendor client reports failures to the PSA side. */
    public static final VendorFailures FAILURES = new VendorFailures(NotConfigured::new, Authentication::new, RateLimit::new, Api::new);

    public PsaException(String message) {
        super(message);
    }

    public PsaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The PSA rejected the credentials (401/403). */
    public static class Authentication extends PsaException {
        public Authentication(String message) {
            super(message);
        }
    }

    /** Rate limited and still limited after the allowed retries. */
    public static class RateLimit extends PsaException {
        public RateLimit(String message) {
            super(message);
        }
    }

    /** Any other API failure: 5xx, unexpected 4xx, malformed payload, network. */
    public static class Api extends PsaException {
        public Api(String message) {
            super(message);
        }

        public Api(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider lacks the settings it needs (domain, API key). */
    public static class NotConfigured extends PsaException {
        public NotConfigured(String message) {
            super(message);
        }
    }
}
