package com.hivematrix.codex.rmm.superops;

import static com.hivematrix.codex.vendor.VendorJson.text;
import static com.hivematrix.codex.vendor.VendorJson.time;

import java.util.Map;

import com.hivematrix.codex.rmm.RmmNormalizer;
import com.hivematrix.codex.rmm.RmmRecords;

import tools.jackson.databind.JsonNode;

/**
 * A SuperOps asset ({@code getAssetList}'s {@code Asset}) as an RMM device. Only what the asset
 * list carries is filled: the internal IP, antivirus, last reboot and backup usage would each need
 * a call per asset (or do not exist in SuperOps), so they stay empty rather than guessed; no portal
 * or remote URL is made up either. SuperOps' asset custom fields are numbered by SuperOps itself,
 * not by the MSP's Datto UDF convention the udf columns carry, so they are not copied there.
 */
final class SuperOpsAssets {

    /** The asset fields read; {@code client}, {@code site}, {@code assetClass} and {@code deviceCategory} are JSON scalars, selected whole. */
    static final String FIELDS = "assetId name assetClass client site loggedInUser hostName publicIp platform domain status "
            + "lastCommunicatedTime lastReportedTime platformCategory patchStatus deviceCategory";

    private SuperOpsAssets() {
    }

    static RmmRecords.Device device(JsonNode a) {
        // the device category is the MSP's own grouping ("Windows Workstation"); the asset class SuperOps' ("Windows Machine")
        String category = text(a.path("deviceCategory").get("name"));
        if (category == null) {
            category = text(a.path("assetClass").get("name"));
        }
        String hostname = text(a.get("hostName"));
        return new RmmRecords.Device(text(a.get("assetId")), hostname != null ? hostname : text(a.get("name")), category,
                RmmNormalizer.deviceType(text(a.get("platformCategory"))), text(a.get("platform")), text(a.get("loggedInUser")),
                text(a.path("client").get("name")), null, null, text(a.get("publicIp")), null, text(a.get("domain")),
                time(a.get("lastReportedTime")), null, time(a.get("lastCommunicatedTime")), online(text(a.get("status"))),
                RmmNormalizer.patchStatus(text(a.get("patchStatus"))), null, null, null, Map.of());
    }

    /** SuperOps documents ONLINE / OFFLINE. */
    static boolean online(String status) {
        return status != null && status.trim().equalsIgnoreCase("online");
    }
}
