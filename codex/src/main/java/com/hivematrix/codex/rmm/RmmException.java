package com.hivematrix.codex.rmm;

import com.hivematrix.codex.vendor.VendorFailures;

/** An RMM call failed; the message is what the sync job records and the admin sees. */
public class RmmException extends RuntimeException {

    /** How a shared vendor client reports failures to the RMM side. */
    public static final VendorFailures FAILURES = new VendorFailures(NotConfigured::new, Authentication::new, RateLimit::new, RmmException::new);

    public RmmException(String message) {
        super(message);
    }

    public RmmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The RMM rejected the credentials (401/403): the whole run stops, nothing is deleted. */
    public static class Authentication extends RmmException {
        public Authentication(String message) {
            super(message);
        }
    }

    /** Rate limited and still limited after the allowed retries. */
    public static class RateLimit extends RmmException {
        public RateLimit(String message) {
            super(message);
        }
    }

    /** The provider lacks the settings it needs (region, keys). */
    public static class NotConfigured extends RmmException {
        public NotConfigured(String message) {
            super(message);
        }
    }
}
