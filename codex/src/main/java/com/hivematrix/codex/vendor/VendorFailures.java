package com.hivematrix.codex.vendor;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The exceptions a vendor client shared by the PSA and the RMM side throws, in its caller's
 * vocabulary: each sync stops a run on its own authentication exception and records everything
 * else per record, so a client serving both (SuperOps is one account for PSA and RMM) must not
 * hand the RMM sync PSA exceptions it would treat as a mere per-site failure.
 *
 * @param api any other failure: 5xx, unexpected 4xx, malformed payload, network; its cause may be null
 */
public record VendorFailures(Function<String, RuntimeException> notConfigured, Function<String, RuntimeException> authentication,
        Function<String, RuntimeException> rateLimit, BiFunction<String, Throwable, RuntimeException> api) {

    public RuntimeException notConfigured(String message) {
        return notConfigured.apply(message);
    }

    public RuntimeException authentication(String message) {
        return authentication.apply(message);
    }

    public RuntimeException rateLimit(String message) {
        return rateLimit.apply(message);
    }

    public RuntimeException api(String message, Throwable cause) {
        return api.apply(message, cause);
    }
}
