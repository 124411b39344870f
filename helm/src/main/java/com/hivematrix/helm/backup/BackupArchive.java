package com.hivematrix.helm.backup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One archive in the backup directory; {@code safety} for those restore took before replacing databases. */
public record BackupArchive(String name, long sizeBytes, Instant modified, boolean safety) {

    public String size() {
        if (sizeBytes < 1024 * 1024) {
            return Math.max(1, sizeBytes / 1024) + " KB";
        }
        return String.format("%.1f MB", sizeBytes / (1024.0 * 1024.0));
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("size_bytes", sizeBytes);
        m.put("modified", modified.toString());
        m.put("safety", safety);
        return m;
    }
}
