package com.hivematrix.codex.rmm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.codex.sync.SyncJobService.Progress;

/**
 * RMM sync (spec §6.3) with the original's data-loss bugs fixed (§13 bug 13): a device is matched
 * to its asset by the RMM device id first and by hostname within the company only for assets not
 * yet linked to the RMM, so a renamed device keeps its asset id (and with it contact links and
 * Ledger's per-asset overrides); an asset is deleted only when its own site was fetched completely
 * and no longer lists it; a site whose variables or devices cannot be fetched keeps its assets.
 * Assets created by hand or by CSV import are never deleted by the sync.
 */
@Service
public class RmmSyncService {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public RmmSyncService(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void sync(RmmProvider provider, Progress p) {
        String source = provider.name();
        p.phase("Fetching sites from " + provider.displayName(), null);
        List<RmmRecords.Site> sites = provider.sites();
        p.line("Sites: " + sites.size());

        p.phase("Reading site account numbers", sites.size());
        Set<String> companies = new HashSet<>(jdbc.sql("SELECT account_number FROM companies").query(String.class).list());
        Map<String, String> siteToAcct = new LinkedHashMap<>();
        for (RmmRecords.Site s : sites) {
            p.advance(1);
            String acct;
            try {
                acct = provider.siteVariable(s.uid(), RmmProvider.ACCOUNT_NUMBER).map(String::trim).orElse(null);
            } catch (RmmException.Authentication e) {
                throw e;
            } catch (RuntimeException e) {
                p.error("Site " + s.name() + ": account number not readable (" + e.getMessage() + "); its assets are kept");
                continue;
            }
            if (acct == null || acct.isEmpty()) {
                p.line("Skipping site " + s.name() + ": no " + RmmProvider.ACCOUNT_NUMBER + " variable");
            } else if (!companies.contains(acct)) {
                p.line("Skipping site " + s.name() + ": no Codex company " + acct);
            } else {
                siteToAcct.put(s.uid(), acct);
            }
        }

        p.phase("Fetching devices", siteToAcct.size());
        Map<String, List<RmmRecords.Device>> devicesBySite = new LinkedHashMap<>();
        Map<String, String> siteNames = new HashMap<>();
        sites.forEach(s -> siteNames.put(s.uid(), s.name()));
        for (Map.Entry<String, String> e : siteToAcct.entrySet()) {
            try {
                devicesBySite.put(e.getKey(), provider.devices(e.getKey()));
            } catch (RmmException.Authentication ex) {
                throw ex;
            } catch (RuntimeException ex) {
                p.error("Site " + siteNames.get(e.getKey()) + ": devices not fetched (" + ex.getMessage() + "); its assets are kept");
            }
            p.advance(1);
        }

        int total = devicesBySite.values().stream().mapToInt(List::size).sum();
        p.phase("Saving assets", total);
        Set<String> seenUids = new HashSet<>();
        devicesBySite.values().forEach(list -> list.forEach(d -> seenUids.add(d.uid())));
        int[] counts = new int[3];
        for (Map.Entry<String, List<RmmRecords.Device>> e : devicesBySite.entrySet()) {
            String site = e.getKey();
            String acct = siteToAcct.get(site);
            tx.executeWithoutResult(s -> jdbc.sql("""
                    INSERT INTO rmm_site_links (company_account_number, rmm_site_uid, rmm_provider) VALUES (?, ?, ?)
                    ON CONFLICT (rmm_site_uid, rmm_provider) DO UPDATE SET company_account_number = EXCLUDED.company_account_number""")
                    .params(acct, site, source).update());
            for (RmmRecords.Device d : e.getValue()) {
                try {
                    tx.executeWithoutResult(s -> counts[save(source, site, acct, d, seenUids) ? 0 : 1]++);
                } catch (RuntimeException ex) {
                    p.error("Device " + d.hostname() + " (" + d.uid() + "): " + ex.getMessage());
                }
                p.advance(1);
            }
        }
        List<String> fetchedSites = new ArrayList<>(devicesBySite.keySet());
        counts[2] = tx.execute(s -> jdbc.sql("""
                DELETE FROM assets WHERE rmm_provider = ? AND rmm_site_uid = ANY(?) AND NOT (rmm_device_uid = ANY(?))""")
                .params(source, fetchedSites.toArray(String[]::new), seenUids.toArray(String[]::new)).update());
        p.line("Assets: " + counts[0] + " created, " + counts[1] + " updated, " + counts[2] + " deleted (gone from their site)");
    }

    /** Saves one device; true when a new asset was created. */
    private boolean save(String source, String site, String acct, RmmRecords.Device d, Set<String> seenUids) {
        Long id = jdbc.sql("SELECT id FROM assets WHERE rmm_device_uid = ? AND rmm_provider = ?").params(d.uid(), source)
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            // an asset of the company with this hostname that no device of this run owns: imported, or created before ids were kept
            id = jdbc.sql("""
                    SELECT id FROM assets WHERE company_account_number = ? AND lower(hostname) = lower(?)
                      AND (rmm_device_uid IS NULL OR rmm_provider IS DISTINCT FROM ? OR NOT (rmm_device_uid = ANY(?)))
                    ORDER BY (rmm_device_uid IS NULL) DESC, id LIMIT 1""")
                    .params(acct, d.hostname(), source, seenUids.toArray(String[]::new)).query(Long.class).optional().orElse(null);
        }
        boolean created = id == null;
        if (created) {
            id = jdbc.sql("INSERT INTO assets (hostname, company_account_number) VALUES (?, ?) RETURNING id")
                    .params(cut(d.hostname(), 150), acct).query(Long.class).single();
        }
        StringBuilder udfSet = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 1; i <= 30; i++) {
            udfSet.append(", udf").append(i).append(" = :udf").append(i);
            params.put("udf" + i, d.udf().get(i));
        }
        params.put("id", id);
        params.put("acct", acct);
        params.put("source", source);
        params.put("uid", d.uid());
        params.put("site", site);
        params.put("hostname", cut(d.hostname(), 150));
        params.put("hardware", cut(d.hardwareType(), 100));
        params.put("deviceType", cut(d.deviceType(), 50));
        params.put("os", cut(d.operatingSystem(), 100));
        params.put("user", cut(d.lastLoggedInUser(), 150));
        params.put("siteName", cut(d.siteName(), 150));
        params.put("av", cut(d.antivirusProduct(), 100));
        params.put("description", d.description());
        params.put("ext", cut(d.extIpAddress(), 50));
        params.put("int", cut(d.intIpAddress(), 50));
        params.put("domain", cut(d.domain(), 100));
        params.put("audit", d.lastAuditDate());
        params.put("reboot", d.lastReboot());
        params.put("seen", d.lastSeen());
        params.put("online", d.online());
        params.put("patch", cut(d.patchStatus(), 50));
        params.put("backup", d.backupUsageTb());
        params.put("admins", d.udf().get(4));
        params.put("portal", cut(d.portalUrl(), 255));
        params.put("remote", cut(d.webRemoteUrl(), 255));
        jdbc.sql("""
                UPDATE assets SET company_account_number = :acct, rmm_provider = :source, rmm_device_uid = :uid, rmm_site_uid = :site,
                    hostname = :hostname, hardware_type = :hardware, device_type = :deviceType, operating_system = :os,
                    last_logged_in_user = :user, rmm_site_name = :siteName, antivirus_product = :av, description = :description,
                    ext_ip_address = :ext, int_ip_address = :int, domain = :domain, last_audit_date = :audit, last_reboot = :reboot,
                    last_seen = :seen, online = :online, patch_status = :patch, backup_usage_tb = :backup, enabled_administrators = :admins,
                    portal_url = :portal, web_remote_url = :remote, updated_at = now()""" + udfSet + " WHERE id = :id")
                .params(params).update();
        return created;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
