package com.hivematrix.codex.rmm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * The normalisations the original defined but never applied (spec §6.1, §13 bug 4): device
 * category → device type, patch status → one vocabulary, UDF6 backup bytes → TB.
 */
public final class RmmNormalizer {

    private static final Map<String, String> DEVICE_TYPES = Map.ofEntries(
            Map.entry("workstation", "workstation"), Map.entry("desktop", "workstation"), Map.entry("laptop", "laptop"),
            Map.entry("server", "server"), Map.entry("esxi host", "server"), Map.entry("esxi", "server"),
            Map.entry("virtual machine", "virtual_machine"), Map.entry("network device", "network_device"),
            Map.entry("mobile device", "mobile"), Map.entry("printer", "other"), Map.entry("unknown", "other"));

    /**
     * Datto's documented patchStatus values, the original's display spellings and SuperOps' (its API
     * reference shows "Fully Patched"; public SuperOps integrations also filter on "Patches Available");
     * any other value is "unknown", never guessed.
     */
    private static final Map<String, String> PATCH = Map.ofEntries(
            Map.entry("fullypatched", "up_to_date"), Map.entry("up to date", "up_to_date"), Map.entry("fully patched", "up_to_date"),
            Map.entry("approvedpending", "missing_patches"), Map.entry("missing patches", "missing_patches"),
            Map.entry("patches available", "missing_patches"),
            Map.entry("rebootrequired", "reboot_required"), Map.entry("reboot required", "reboot_required"),
            Map.entry("installerror", "failed"), Map.entry("patch failed", "failed"),
            Map.entry("nopolicy", "unknown"), Map.entry("nodata", "unknown"), Map.entry("unknown", "unknown"));

    private static final BigDecimal TIB = BigDecimal.valueOf(1024L * 1024 * 1024 * 1024);

    private RmmNormalizer() {
    }

    public static String deviceType(String category) {
        if (category == null || category.isBlank()) {
            return "other";
        }
        return DEVICE_TYPES.getOrDefault(category.trim().toLowerCase(Locale.ROOT), "other");
    }

    public static String patchStatus(String raw) {
        if (raw == null || raw.isBlank()) {
            return "unknown";
        }
        return PATCH.getOrDefault(raw.trim().toLowerCase(Locale.ROOT), "unknown");
    }

    /** UDF6 holds backup usage in bytes; null when empty or not a number. */
    public static BigDecimal bytesToTb(String bytes) {
        if (bytes == null || bytes.isBlank()) {
            return null;
        }
        try {
            BigDecimal b = new BigDecimal(bytes.trim());
            return b.signum() < 0 ? null : b.divide(TIB, 2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
