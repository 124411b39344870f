package com.hivematrix.helm.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP socket in LISTEN state, read from /proc/net/tcp and /proc/net/tcp6 (no `ss`, no root).
 *
 * @param address printable local address: 127.0.0.1, 0.0.0.0, ::, ::1, …
 */
public record ListeningSocket(String address, int port, boolean ipv6) {

    private static final String LISTEN = "0A";

    /** Bound to loopback only (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
    public boolean loopback() {
        return address.startsWith("127.") || "::1".equals(address) || address.startsWith("::ffff:127.");
    }

    /** Every listening socket of this machine's network namespace. */
    public static List<ListeningSocket> read(Path procNet) {
        List<ListeningSocket> out = new ArrayList<>();
        out.addAll(parse(lines(procNet.resolve("tcp")), false));
        out.addAll(parse(lines(procNet.resolve("tcp6")), true));
        return out;
    }

    static List<ListeningSocket> parse(List<String> lines, boolean ipv6) {
        List<ListeningSocket> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":") || !LISTEN.equals(f[3])) {
                continue;
            }
            String[] local = f[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            out.add(new ListeningSocket(ipv6 ? ipv6(local[0]) : ipv4(local[0]), port, ipv6));
        }
        return out;
    }

    /** The kernel prints the address as one little-endian 32-bit word. */
    static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    /** Four little-endian 32-bit words; printed compressed enough for the cases that matter here. */
    static String ipv6(String hex) {
        int[] groups = new int[8];
        for (int w = 0; w < 4; w++) {
            String word = hex.substring(w * 8, w * 8 + 8);
            long v = Long.parseLong(word, 16);
            int b0 = (int) (v & 0xff), b1 = (int) ((v >> 8) & 0xff), b2 = (int) ((v >> 16) & 0xff), b3 = (int) ((v >> 24) & 0xff);
            groups[w * 2] = (b0 << 8) | b1;
            groups[w * 2 + 1] = (b2 << 8) | b3;
        }
        boolean zeroPrefix = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0;
        if (zeroPrefix && groups[5] == 0xffff) {
            return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        if (zeroPrefix && groups[5] == 0 && groups[6] == 0) {
            return groups[7] == 0 ? "::" : "::" + Integer.toHexString(groups[7]);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(i > 0 ? ":" : "").append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
