package com.hivematrix.core.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client a request is counted against. Only a loopback peer (the gateway or another local service)
 * may name the real client through {@code X-Forwarded-For}; its right-most entry is the one the gateway
 * itself added. Any other peer is keyed by its own address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (isLoopback(peer)) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].strip();
                    if (!hop.isEmpty()) {
                        return hop.length() > 64 ? hop.substring(0, 64) : hop;
                    }
                }
            }
        }
        return peer;
    }

    static boolean isLoopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1"));
    }
}
