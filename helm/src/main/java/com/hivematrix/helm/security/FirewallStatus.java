package com.hivematrix.helm.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host firewall does, as far as Helm's user may ask (no sudo, no prompts): ufw, then
 * nftables, then iptables. "unknown" when none of them answers to this user.
 *
 * @param type ufw, nftables, iptables or null
 * @param protectedPorts TCP ports with an explicit deny/drop rule
 */
public record FirewallStatus(boolean active, String type, Set<Integer> protectedPorts, String detail) {

    private static final Pattern UFW_DENY = Pattern.compile("^(\\d+)(/tcp)?\\s+(DENY|REJECT)", Pattern.MULTILINE);
    private static final Pattern NFT_DROP = Pattern.compile("tcp dport (\\{[^}]*\\}|\\d+)[^\\n]*(drop|reject)");
    private static final Pattern IPT_DROP = Pattern.compile("(DROP|REJECT).*dpt:(\\d+)");

    public static FirewallStatus detect() {
        String ufw = run("ufw", "status");
        if (ufw != null && ufw.contains("Status: active")) {
            Set<Integer> ports = new TreeSet<>();
            Matcher m = UFW_DENY.matcher(ufw);
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
            return new FirewallStatus(true, "ufw", ports, "ufw active");
        }
        String nft = run("nft", "list", "ruleset");
        if (nft != null && nft.contains("hook input")) {
            Set<Integer> ports = new TreeSet<>();
            Matcher m = NFT_DROP.matcher(nft);
            while (m.find()) {
                for (String p : m.group(1).replaceAll("[{}\\s]", "").split(",")) {
                    if (p.matches("\\d+")) {
                        ports.add(Integer.parseInt(p));
                    }
                }
            }
            return new FirewallStatus(true, "nftables", ports, "nftables input hook present");
        }
        String ipt = run("iptables", "-L", "INPUT", "-n");
        if (ipt != null && (ipt.contains("DROP") || ipt.contains("REJECT"))) {
            Set<Integer> ports = new TreeSet<>();
            Matcher m = IPT_DROP.matcher(ipt);
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(2)));
            }
            return new FirewallStatus(true, "iptables", ports, "iptables INPUT has DROP/REJECT rules");
        }
        boolean anyAnswered = ufw != null || nft != null || ipt != null;
        return new FirewallStatus(false, null, Set.of(),
                anyAnswered ? "no active firewall rules found" : "no firewall tool answered to Helm's user (unknown)");
    }

    /** Output of a command, or null when it is missing, fails or takes longer than 5 s. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(256 * 1024);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
