package com.hivematrix.codex.rmm;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** Provider-neutral RMM records (spec §6.1, §4.3): what every RMM provider produces and the sync saves. */
public final class RmmRecords {

    private RmmRecords() {
    }

    public record Site(String uid, String name, String description) {
    }

    /**
     * One device. {@code hardwareType} is the RMM's own category (Desktop, Laptop, ESXi Host…),
     * {@code deviceType} the normalised one (spec §6.1), {@code patchStatus} normalised too;
     * {@code udf} holds udf1…udf30 by number.
     */
    public record Device(String uid, String hostname, String hardwareType, String deviceType, String operatingSystem,
            String lastLoggedInUser, String siteName, String antivirusProduct, String description, String extIpAddress,
            String intIpAddress, String domain, OffsetDateTime lastAuditDate, OffsetDateTime lastReboot, OffsetDateTime lastSeen,
            boolean online, String patchStatus, BigDecimal backupUsageTb, String portalUrl, String webRemoteUrl, Map<Integer, String> udf) {
    }
}
