package com.hivematrix.codex.psa;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.codex.company.ContractTerms;
import com.hivematrix.codex.sync.SyncJobService.Progress;
import com.hivematrix.codex.web.Rows;

/**
 * Saves what a PSA provider fetched (spec §5.5), provider-neutral. Local-only fields (compliance
 * level, employment type, locations, overrides, asset links) are never written here. Deletions
 * happen only after a complete fetch, and never when the PSA returned nothing at all.
 */
@Service
public class PsaSyncService {

    static final Set<String> INVALID = Set.of("spam", "deleted", "trash");
    /** Upper bound of light-sync reconciliation look-ups per run (each costs one API call). */
    static final int MAX_RECONCILE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public PsaSyncService(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    // ---- base: companies, contacts, agents ---------------------------------------------------

    public void base(PsaProvider provider, Progress p) {
        List<String> failures = new ArrayList<>();
        for (String phase : List.of("companies", "contacts", "agents")) {
            try {
                switch (phase) {
                    case "companies" -> companies(provider, p);
                    case "contacts" -> contacts(provider, p);
                    default -> agents(provider, p);
                }
            } catch (PsaException.Authentication e) {
                throw e;
            } catch (RuntimeException e) {
                failures.add(phase + ": " + e.getMessage());
                p.line("Failed to sync " + phase + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new PsaException("Sync failed for " + String.join("; ", failures));
        }
    }

    public void companies(PsaProvider provider, Progress p) {
        p.phase("Fetching companies from " + provider.displayName(), null);
        List<PsaRecords.Company> fetched = provider.companies();
        String source = provider.name();
        p.phase("Saving companies", fetched.size());
        Map<String, String> support = new HashMap<>();
        jdbc.sql("SELECT plan_name, term_length, support_level FROM billing_plans").query(rs -> {
            support.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
        });
        Set<Long> kept = new HashSet<>();
        Set<String> seen = new HashSet<>();
        int skipped = 0;
        for (PsaRecords.Company c : fetched) {
            p.advance(1);
            String acct = c.customFields().get("account_number");
            if (acct == null || acct.isBlank()) {
                skipped++;
                continue;
            }
            acct = acct.trim();
            if (!seen.add(acct)) {
                p.error("Company " + c.name() + " (" + c.externalId() + ") repeats account number " + acct + "; skipped");
                continue;
            }
            try {
                saveCompany(source, acct, c, support);
                kept.add(c.externalId());
            } catch (RuntimeException e) {
                p.error("Company " + c.name() + " (" + acct + "): " + rootMessage(e));
            }
        }
        p.line("Companies: " + kept.size() + " saved, " + skipped + " skipped without account number");
        long known = jdbc.sql("SELECT count(*) FROM companies WHERE external_source = ? AND external_id IS NOT NULL").param(source)
                .query(Long.class).single();
        if (fetched.isEmpty() && known > 0) {
            p.error(provider.displayName() + " returned no companies; nothing deleted");
            return;
        }
        int deleted = jdbc.sql("DELETE FROM companies WHERE external_source = ? AND external_id IS NOT NULL AND NOT (external_id = ANY(?))")
                .params(source, kept.toArray(Long[]::new)).update();
        p.line("Companies deleted (no longer in " + provider.displayName() + "): " + deleted);
    }

    private void saveCompany(String source, String acct, PsaRecords.Company c, Map<String, String> support) {
        Map<String, String> cf = c.customFields();
        String plan = cf.getOrDefault("plan_selected", cf.get("billing_plan"));
        String term = ContractTerms.normalize(cf.get("contract_term"));
        LocalDate start = date(cf.get("contract_start_date"));
        String supportLevel = plan == null || term == null ? null : support.getOrDefault(plan + "|" + term, "Billed Hourly");
        tx.executeWithoutResult(s -> {
            // a company renumbered in the PSA keeps its row (and with it assets, links, tickets): the key moves
            String old = jdbc.sql("SELECT account_number FROM companies WHERE external_id = ? AND external_source = ?")
                    .params(c.externalId(), source).query(String.class).optional().orElse(null);
            if (old != null && !old.equals(acct)) {
                boolean taken = jdbc.sql("SELECT count(*) FROM companies WHERE account_number = ?").param(acct).query(Long.class).single() > 0;
                if (taken) {
                    jdbc.sql("UPDATE companies SET external_id = NULL WHERE account_number = ?").param(old).update();
                } else {
                    jdbc.sql("UPDATE companies SET account_number = ? WHERE account_number = ?").params(acct, old).update();
                }
            }
            jdbc.sql("""
                    INSERT INTO companies (account_number, psa_provider, external_id, external_source, name, description, created_at, updated_at,
                        head_user_id, prime_user_id, head_name, prime_user_name, domains, workspace_id, plan_selected, managed_users,
                        managed_devices, managed_network, contract_term, contract_start_date, contract_end_date, profit_or_non_profit,
                        company_main_number, address, company_start_date, billing_plan, contract_term_length, support_level, phone_system,
                        email_system, datto_portal_url)
                    VALUES (:acct, :source, :eid, :source, :name, :description, coalesce(:created, now()), coalesce(:updated, now()),
                        :head, :prime, :headName, :primeName, :domains, :workspace, :plan, :mu, :md, :mn, :term_raw, :start, :end, :profit,
                        :phone, :address, :company_start, :plan, :term, :support, :phone_system, :email_system, :datto)
                    ON CONFLICT (account_number) DO UPDATE SET psa_provider = EXCLUDED.psa_provider, external_id = EXCLUDED.external_id,
                        external_source = EXCLUDED.external_source, name = EXCLUDED.name, description = EXCLUDED.description,
                        updated_at = EXCLUDED.updated_at, head_user_id = EXCLUDED.head_user_id, prime_user_id = EXCLUDED.prime_user_id,
                        head_name = coalesce(EXCLUDED.head_name, companies.head_name), prime_user_name = coalesce(EXCLUDED.prime_user_name, companies.prime_user_name),
                        domains = EXCLUDED.domains, workspace_id = EXCLUDED.workspace_id, plan_selected = EXCLUDED.plan_selected,
                        managed_users = EXCLUDED.managed_users, managed_devices = EXCLUDED.managed_devices, managed_network = EXCLUDED.managed_network,
                        contract_term = EXCLUDED.contract_term, contract_start_date = EXCLUDED.contract_start_date,
                        contract_end_date = EXCLUDED.contract_end_date, profit_or_non_profit = EXCLUDED.profit_or_non_profit,
                        company_main_number = EXCLUDED.company_main_number, address = EXCLUDED.address,
                        company_start_date = EXCLUDED.company_start_date, billing_plan = EXCLUDED.billing_plan,
                        contract_term_length = EXCLUDED.contract_term_length, support_level = EXCLUDED.support_level,
                        phone_system = EXCLUDED.phone_system, email_system = EXCLUDED.email_system, datto_portal_url = EXCLUDED.datto_portal_url""")
                    .param("acct", cut(acct, 50)).param("source", source).param("eid", c.externalId())
                    .param("name", cut(c.name() == null ? "Department " + c.externalId() : c.name(), 150))
                    .param("description", c.description()).param("created", c.createdAt()).param("updated", c.updatedAt())
                    .param("head", c.headUserId()).param("prime", c.primeUserId()).param("headName", cut(c.headName(), 150))
                    .param("primeName", cut(c.primeUserName(), 150))
                    .param("domains", c.domains().isEmpty() ? null : Rows.JSON.writeValueAsString(c.domains()))
                    .param("workspace", c.workspaceId()).param("plan", cut(plan, 100)).param("mu", cut(cf.get("managed_users"), 100))
                    .param("md", cut(cf.get("managed_devices"), 100)).param("mn", cut(cf.get("managed_network"), 100))
                    .param("term_raw", cut(cf.get("contract_term"), 50)).param("start", start)
                    .param("end", ContractTerms.endDate(start, term)).param("profit", cut(cf.get("profit_or_non_profit"), 50))
                    .param("phone", cut(cf.get("company_main_number"), 50)).param("address", cf.get("address"))
                    .param("company_start", date(cf.get("company_start_date"))).param("term", cut(term, 50))
                    .param("support", cut(supportLevel, 100)).param("phone_system", cut(cf.get("phone_system"), 100))
                    .param("email_system", cut(cf.get("email_system"), 100)).param("datto", cut(cf.get("datto_portal_url"), 255))
                    .update();
        });
    }

    public void contacts(PsaProvider provider, Progress p) {
        p.phase("Fetching contacts from " + provider.displayName(), null);
        List<PsaRecords.Contact> fetched = provider.contacts();
        String source = provider.name();
        Map<Long, String> deptToAcct = departments(source);
        p.phase("Saving contacts", fetched.size());
        Set<Long> kept = new HashSet<>();
        int skipped = 0;
        for (PsaRecords.Contact c : fetched) {
            p.advance(1);
            if (c.email() == null) {
                skipped++;
                continue;
            }
            try {
                saveContact(source, c, deptToAcct);
                kept.add(c.externalId());
            } catch (RuntimeException e) {
                p.error("Contact " + c.email() + " (" + c.externalId() + "): " + rootMessage(e));
                kept.add(c.externalId());
            }
        }
        p.line("Contacts: " + kept.size() + " saved, " + skipped + " skipped without email");
        long known = jdbc.sql("SELECT count(*) FROM contacts WHERE external_source = ? AND external_id IS NOT NULL").param(source)
                .query(Long.class).single();
        if (fetched.isEmpty() && known > 0) {
            p.error(provider.displayName() + " returned no contacts; nothing deleted");
            return;
        }
        int deleted = jdbc.sql("DELETE FROM contacts WHERE external_source = ? AND external_id IS NOT NULL AND NOT (external_id = ANY(?))")
                .params(source, kept.toArray(Long[]::new)).update();
        p.line("Contacts deleted (no longer in " + provider.displayName() + "): " + deleted);
        // head / prime user names come from the requesters the companies point at
        jdbc.sql("""
                UPDATE companies c SET head_name = ct.name FROM contacts ct
                WHERE ct.external_id = c.head_user_id AND ct.external_source = c.external_source AND c.external_source = ?
                  AND c.head_name IS DISTINCT FROM ct.name""").param(source).update();
        jdbc.sql("""
                UPDATE companies c SET prime_user_name = ct.name FROM contacts ct
                WHERE ct.external_id = c.prime_user_id AND ct.external_source = c.external_source AND c.external_source = ?
                  AND c.prime_user_name IS DISTINCT FROM ct.name""").param(source).update();
    }

    private void saveContact(String source, PsaRecords.Contact c, Map<Long, String> deptToAcct) {
        String first = c.firstName() == null ? "" : c.firstName();
        String last = c.lastName() == null ? "" : c.lastName();
        String name = (first + " " + last).trim();
        if (name.isEmpty()) {
            name = c.email().contains("@") ? c.email().substring(0, c.email().indexOf('@')) : c.email();
        }
        String finalName = name;
        tx.executeWithoutResult(s -> {
            long id = jdbc.sql("""
                    INSERT INTO contacts (external_id, external_source, first_name, last_name, name, primary_email, email, active, is_agent,
                        vip_user, has_logged_in, mobile_phone_number, work_phone_number, address, secondary_emails, job_title, title,
                        department_ids, department_names, reporting_manager_id, location_id, location_name, language, time_zone, time_format,
                        can_see_all_tickets_from_associated_departments, can_see_all_changes_from_associated_departments, created_at,
                        updated_at, background_information, work_schedule_id, user_number)
                    VALUES (:eid, :source, :first, :last, :name, :email, :email, :active, :agent, :vip, :logged, :mobile, :work, :address,
                        :secondary, :title, :title, :depts, :dept_names, :manager, :location_id, :location, :lang, :tz, :tf, :see_tickets,
                        :see_changes, coalesce(:created, now()), coalesce(:updated, now()), :background, :schedule, :user_number)
                    ON CONFLICT (external_id, external_source) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                        name = EXCLUDED.name, primary_email = EXCLUDED.primary_email, email = EXCLUDED.email, active = EXCLUDED.active,
                        is_agent = EXCLUDED.is_agent, vip_user = EXCLUDED.vip_user, has_logged_in = EXCLUDED.has_logged_in,
                        mobile_phone_number = EXCLUDED.mobile_phone_number, work_phone_number = EXCLUDED.work_phone_number,
                        address = EXCLUDED.address, secondary_emails = EXCLUDED.secondary_emails, job_title = EXCLUDED.job_title,
                        title = EXCLUDED.title, department_ids = EXCLUDED.department_ids, department_names = EXCLUDED.department_names,
                        reporting_manager_id = EXCLUDED.reporting_manager_id, location_id = EXCLUDED.location_id,
                        location_name = EXCLUDED.location_name, language = EXCLUDED.language, time_zone = EXCLUDED.time_zone,
                        time_format = EXCLUDED.time_format,
                        can_see_all_tickets_from_associated_departments = EXCLUDED.can_see_all_tickets_from_associated_departments,
                        can_see_all_changes_from_associated_departments = EXCLUDED.can_see_all_changes_from_associated_departments,
                        updated_at = EXCLUDED.updated_at, background_information = EXCLUDED.background_information,
                        work_schedule_id = EXCLUDED.work_schedule_id, user_number = EXCLUDED.user_number
                    RETURNING id""")
                    .param("eid", c.externalId()).param("source", source).param("first", cut(c.firstName(), 150))
                    .param("last", cut(c.lastName(), 150)).param("name", cut(finalName, 150)).param("email", cut(c.email(), 150))
                    .param("active", c.active() == null || c.active()).param("agent", Boolean.TRUE.equals(c.isAgent()))
                    .param("vip", Boolean.TRUE.equals(c.vipUser())).param("logged", Boolean.TRUE.equals(c.hasLoggedIn()))
                    .param("mobile", cut(c.mobilePhone(), 50)).param("work", cut(c.workPhone(), 50)).param("address", c.address())
                    .param("secondary", c.secondaryEmails().isEmpty() ? null : Rows.JSON.writeValueAsString(c.secondaryEmails()))
                    .param("title", cut(c.jobTitle(), 150))
                    .param("depts", c.departmentIds().isEmpty() ? null : Rows.JSON.writeValueAsString(c.departmentIds()))
                    .param("dept_names", c.departmentNames()).param("manager", c.reportingManagerId()).param("location_id", c.locationId())
                    .param("location", cut(c.locationName(), 150)).param("lang", cut(c.language() == null ? "en" : c.language(), 10))
                    .param("tz", cut(c.timeZone(), 100)).param("tf", cut(c.timeFormat(), 10))
                    .param("see_tickets", Boolean.TRUE.equals(c.canSeeDeptTickets())).param("see_changes", Boolean.TRUE.equals(c.canSeeDeptChanges()))
                    .param("created", c.createdAt()).param("updated", c.updatedAt()).param("background", c.backgroundInformation())
                    .param("schedule", c.workScheduleId()).param("user_number", cut(c.userNumber(), 50))
                    .query(Long.class).single();
            for (Long dept : c.departmentIds()) {
                String acct = deptToAcct.get(dept);
                if (acct != null) {
                    // union-merge: links are added, never removed by sync (local links stay)
                    jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (?, ?) ON CONFLICT DO NOTHING")
                            .params(id, acct).update();
                }
            }
        });
    }

    public void agents(PsaProvider provider, Progress p) {
        p.phase("Fetching agents from " + provider.displayName(), null);
        List<PsaRecords.Agent> fetched = provider.agents();
        String source = provider.name();
        p.phase("Saving agents", fetched.size());
        Set<Long> kept = new HashSet<>();
        for (PsaRecords.Agent a : fetched) {
            p.advance(1);
            jdbc.sql("""
                    INSERT INTO psa_agents (external_id, external_source, email, first_name, last_name, active, job_title, department_ids,
                        group_ids, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (external_id, external_source) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
                        last_name = EXCLUDED.last_name, active = EXCLUDED.active, job_title = EXCLUDED.job_title,
                        department_ids = EXCLUDED.department_ids, group_ids = EXCLUDED.group_ids, created_at = EXCLUDED.created_at,
                        updated_at = EXCLUDED.updated_at""")
                    .params(a.externalId(), source, cut(a.email(), 150), cut(a.firstName(), 100), cut(a.lastName(), 100), a.active(),
                            cut(a.jobTitle(), 150), Rows.JSON.writeValueAsString(a.departmentIds()), Rows.JSON.writeValueAsString(a.groupIds()),
                            a.createdAt(), a.updatedAt())
                    .update();
            kept.add(a.externalId());
        }
        long known = jdbc.sql("SELECT count(*) FROM psa_agents WHERE external_source = ?").param(source).query(Long.class).single();
        if (fetched.isEmpty() && known > 0) {
            p.error(provider.displayName() + " returned no agents; nothing deleted");
            return;
        }
        int deleted = jdbc.sql("DELETE FROM psa_agents WHERE external_source = ? AND NOT (external_id = ANY(?))")
                .params(source, kept.toArray(Long[]::new)).update();
        p.line("Agents: " + kept.size() + " saved, " + deleted + " deleted");
    }

    // ---- tickets -----------------------------------------------------------------------------

    public void tickets(PsaProvider provider, PsaProvider.TicketScope scope, Progress p) {
        String source = provider.name();
        Map<Long, String> deptToAcct = departments(source);
        Map<Long, String[]> people = people(source);
        Set<Long> seen = new HashSet<>();
        int[] counts = new int[2];
        p.phase("Fetching " + scope.name().toLowerCase() + " tickets from " + provider.displayName(), null);
        provider.tickets(scope, page -> {
            savePage(source, page, deptToAcct, people, counts, p);
            page.forEach(t -> seen.add(t.externalId()));
            p.advance(page.size());
        });
        p.line("Tickets saved: " + counts[0] + ", removed as spam/deleted: " + counts[1]);
        if (scope == PsaProvider.TicketScope.LIGHT) {
            reconcile(provider, seen, deptToAcct, people, p);
        }
    }

    /**
     * Active tickets the light query no longer returns were closed, resolved or deleted in the PSA.
     * The original marked them all "deleted" (spec §13 bug 5); here each one's real status is fetched.
     */
    private void reconcile(PsaProvider provider, Set<Long> seen, Map<Long, String> deptToAcct, Map<Long, String[]> people, Progress p) {
        List<Long> missing = jdbc.sql("""
                SELECT external_id FROM ticket_details WHERE external_source = ? AND status NOT IN
                  ('closed', 'resolved', 'job_complete_bill', 'billing_complete', 'spam', 'trash', 'deleted')
                  AND NOT (external_id = ANY(?)) ORDER BY last_updated_at NULLS FIRST LIMIT ?""")
                .params(provider.name(), seen.toArray(Long[]::new), MAX_RECONCILE).query(Long.class).list();
        if (missing.isEmpty()) {
            return;
        }
        p.phase("Checking tickets no longer active", missing.size());
        int[] counts = new int[2];
        int gone = 0;
        for (Long id : missing) {
            var t = provider.ticket(id, false);
            if (t.isPresent()) {
                savePage(provider.name(), List.of(t.get()), deptToAcct, people, counts, p);
            } else {
                gone += jdbc.sql("UPDATE ticket_details SET status = 'deleted' WHERE external_id = ? AND external_source = ?")
                        .params(id, provider.name()).update();
            }
            p.advance(1);
        }
        p.line("Reconciled " + missing.size() + " tickets no longer active: " + counts[0] + " updated, " + gone + " gone from the PSA");
    }

    private void savePage(String source, List<PsaRecords.Ticket> page, Map<Long, String> deptToAcct, Map<Long, String[]> people,
            int[] counts, Progress p) {
        try {
            tx.executeWithoutResult(s -> page.forEach(t -> saveTicket(source, t, deptToAcct, people, counts)));
        } catch (RuntimeException e) {
            // isolate the bad record: save one by one
            for (PsaRecords.Ticket t : page) {
                try {
                    tx.executeWithoutResult(s -> saveTicket(source, t, deptToAcct, people, counts));
                } catch (RuntimeException e2) {
                    p.error("Ticket " + t.externalId() + ": " + rootMessage(e2));
                }
            }
        }
    }

    private void saveTicket(String source, PsaRecords.Ticket t, Map<Long, String> deptToAcct, Map<Long, String[]> people, int[] counts) {
        if (INVALID.contains(t.status())) {
            counts[1] += jdbc.sql("DELETE FROM ticket_details WHERE external_id = ? AND external_source = ?").params(t.externalId(), source).update();
            return;
        }
        String[] requester = t.requesterId() == null ? null : people.get(t.requesterId());
        String email = t.requesterEmail() != null ? t.requesterEmail() : requester == null ? null : requester[1];
        String name = t.requesterName() != null ? t.requesterName() : requester == null ? null : requester[0];
        String acct = t.departmentId() == null ? null : deptToAcct.get(t.departmentId());
        String detailCols = t.detailed() ? """
                , first_responded_at = EXCLUDED.first_responded_at, agent_responded_at = EXCLUDED.agent_responded_at,
                  total_hours_spent = EXCLUDED.total_hours_spent, conversations = EXCLUDED.conversations, notes = EXCLUDED.notes""" : "";
        jdbc.sql("""
                INSERT INTO ticket_details (external_id, external_source, company_account_number, ticket_number, subject, description,
                    description_text, status, priority, status_id, priority_id, ticket_type, requester_email, requester_name, requester_id,
                    responder_id, group_id, department_id, created_at, last_updated_at, closed_at, fr_due_by, due_by, first_responded_at,
                    agent_responded_at, total_hours_spent, conversations, notes)
                VALUES (:eid, :source, :acct, :number, :subject, :description, :text, :status, :priority, :status_id, :priority_id, :type,
                    :email, :name, :requester, :responder, :group, :dept, :created, :updated, :closed, :fr_due, :due, :first, :agent,
                    coalesce(:hours, 0), cast(:conversations AS jsonb), cast(:notes AS jsonb))
                ON CONFLICT (external_id, external_source) DO UPDATE SET
                    company_account_number = coalesce(EXCLUDED.company_account_number, ticket_details.company_account_number),
                    ticket_number = EXCLUDED.ticket_number, subject = EXCLUDED.subject, description = EXCLUDED.description,
                    description_text = EXCLUDED.description_text, status = EXCLUDED.status, priority = EXCLUDED.priority,
                    status_id = EXCLUDED.status_id, priority_id = EXCLUDED.priority_id, ticket_type = EXCLUDED.ticket_type,
                    requester_email = %s, requester_name = %s,
                    requester_id = EXCLUDED.requester_id, responder_id = EXCLUDED.responder_id, group_id = EXCLUDED.group_id,
                    department_id = coalesce(EXCLUDED.department_id, ticket_details.department_id), created_at = EXCLUDED.created_at,
                    last_updated_at = EXCLUDED.last_updated_at, closed_at = EXCLUDED.closed_at, fr_due_by = EXCLUDED.fr_due_by,
                    due_by = EXCLUDED.due_by""".formatted(requesterMerge("requester_email", t.detailed()),
                        requesterMerge("requester_name", t.detailed())) + detailCols)
                .param("eid", t.externalId()).param("source", source).param("acct", acct).param("number", String.valueOf(t.externalId()))
                .param("subject", t.subject()).param("description", t.description()).param("text", t.descriptionText())
                .param("status", cut(t.status(), 50)).param("priority", cut(t.priority(), 50)).param("status_id", t.statusId())
                .param("priority_id", t.priorityId()).param("type", cut(t.ticketType(), 50)).param("email", cut(email, 150))
                .param("name", cut(name, 150)).param("requester", t.requesterId()).param("responder", t.responderId())
                .param("group", t.groupId()).param("dept", t.departmentId()).param("created", t.createdAt()).param("updated", t.updatedAt())
                .param("closed", t.closedAt()).param("fr_due", t.frDueBy()).param("due", t.dueBy()).param("first", t.firstRespondedAt())
                .param("agent", t.agentRespondedAt()).param("hours", t.totalHoursSpent())
                .param("conversations", json(t.conversations())).param("notes", json(t.notes()))
                .update();
        counts[0]++;
    }

    /**
     * A detailed fetch names the requester itself and wins; a list fetch only knows the requester id,
     * so its name from our contacts fills the field only while it is empty.
     */
    private static String requesterMerge(String column, boolean detailed) {
        return detailed ? "coalesce(EXCLUDED." + column + ", ticket_details." + column + ")"
                : "coalesce(ticket_details." + column + ", EXCLUDED." + column + ")";
    }

    /** One ticket, as a webhook or an on-demand fetch delivers it. */
    public void saveTicket(String source, PsaRecords.Ticket t) {
        int[] counts = new int[2];
        tx.executeWithoutResult(s -> saveTicket(source, t, departments(source), people(source), counts));
    }

    // ---- helpers -----------------------------------------------------------------------------

    Map<Long, String> departments(String source) {
        Map<Long, String> m = new HashMap<>();
        jdbc.sql("SELECT external_id, account_number FROM companies WHERE external_source = ? AND external_id IS NOT NULL").param(source)
                .query(rs -> {
                    m.put(rs.getLong(1), rs.getString(2));
                });
        return m;
    }

    /** Requester id → {name, email}: contacts first, then PSA agents (agents raise tickets too). */
    private Map<Long, String[]> people(String source) {
        Map<Long, String[]> m = new HashMap<>();
        jdbc.sql("""
                SELECT external_id, coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), email), email
                FROM psa_agents WHERE external_source = ?""").param(source).query(rs -> {
                    m.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        jdbc.sql("SELECT external_id, name, email FROM contacts WHERE external_source = ? AND external_id IS NOT NULL").param(source)
                .query(rs -> {
                    m.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        return m;
    }

    private static String json(List<?> list) {
        return list == null || list.isEmpty() ? null : Rows.JSON.writeValueAsString(list);
    }

    static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim().length() >= 10 ? s.trim().substring(0, 10) : s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

}
