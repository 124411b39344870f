package com.hivematrix.codex.rmm;

import java.util.List;
import java.util.Optional;

/**
 * One RMM (spec §6.1). Fetches return complete data or throw: the sync never deletes an asset on
 * the strength of a partial fetch.
 */
public interface RmmProvider {

    /** The site variable that links an RMM site to a Codex company. */
    String ACCOUNT_NUMBER = "AccountNumber";

    String name();

    String displayName();

    ConnectionTest testConnection();

    List<RmmRecords.Site> sites();

    Optional<String> siteVariable(String siteUid, String name);

    /** Creates or updates a site variable; throws when the RMM refuses (the original counted that as success). */
    void setSiteVariable(String siteUid, String name, String value);

    List<RmmRecords.Device> devices(String siteUid);

    record ConnectionTest(boolean success, String message) {
    }
}
