package com.hivematrix.codex.vendor;

/**
 * The exceptions a vendor client shared by the PSA and the RMM side throws, in its caller's
 * vocabulary: each sync stops a run on its own authentication exception and records everything
 * else per record, so a client serving both (SuperOps is one account for PSA and RMM) must not
 * hand the RMM sync PSA exceptions it would treat as a mere per-site failure.
 */
public interface VendorFailures {

    RuntimeException notConfigured(String message);

    RuntimeException authentication(String message);

    RuntimeException rateLimit(String message);

    /** Any other failure: 5xx, unexpected 4xx, malformed payload, network; {@code cause} may be null. */
    RuntimeException api(String message, Throwable cause);
}
