package com.hivematrix.codex.psa;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One PSA (spec §5.1). Fetch methods return complete data or throw: a sync never deletes
 * anything on the strength of a partial fetch. Ticket fetches hand over one page at a time so a
 * full-history sync of hundreds of thousands of tickets never sits in memory.
 */
public interface PsaProvider {

    /** How much of the ticket history a ticket sync covers (the three tiers of spec §5.5). */
    enum TicketScope {
        /** Tier 1: active tickets, list fields only (about one call per 100 tickets). */
        LIGHT,
        /** Tier 2: tickets updated in the detail window, each with details and time entries. */
        DETAIL,
        /** Tier 3: every ticket, each with details. */
        FULL
    }

    String name();

    String displayName();

    /** {success, message}: calls the PSA with the configured credentials. */
    ConnectionTest testConnection();

    List<PsaRecords.Company> companies();

    List<PsaRecords.Contact> contacts();

    List<PsaRecords.Agent> agents();

    /** Streams tickets page by page; {@code total} is called first when the provider knows the count. */
    void tickets(TicketScope scope, Consumer<List<PsaRecords.Ticket>> page);

    /** One ticket with details; empty when the PSA does not know it (deleted). */
    Optional<PsaRecords.Ticket> ticket(long externalId, boolean withDetails);

    /**
     * Writes a company's account number to the PSA (spec §7). Providers that cannot say so
     * (the default) throw, and the creation job counts that company as failed.
     */
    default void writeAccountNumber(long companyExternalId, String accountNumber) {
        throw new PsaException.Api(displayName() + " does not support writing account numbers");
    }

    String ticketUrl(String id);

    String companyUrl(String id);

    String contactUrl(String id);

    String mapStatus(Integer nativeStatus);

    String mapPriority(Integer nativePriority);

    record ConnectionTest(boolean success, String message) {
    }
}
