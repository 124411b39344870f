package com.hivematrix.codex.company;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.web.Page;
import com.hivematrix.codex.web.Rows;

/** The read side of the company contracts (spec §2.2, §2.5): one SQL statement per shape. */
@Component
public class CompanyQueries {

    /** "company summary": billing_plan is plan_selected, compliance_level never null. */
    static final String SUMMARY = """
            SELECT c.account_number, c.name, c.description, coalesce(c.compliance_level, 'standard') AS compliance_level,
                   c.plan_selected AS billing_plan, c.contract_term_length, c.contract_start_date, c.contract_end_date,
                   c.support_level, c.profit_or_non_profit, c.company_main_number, c.company_start_date, c.domains,
                   c.phone_system, c.email_system
            FROM companies c""";

    /** "billing asset": backup_usage_tb as a string, backup_data_bytes = TB x 2^40 truncated. */
    public static final String BILLING_ASSET = """
            SELECT a.id, a.hostname, a.hardware_type, a.operating_system, a.device_type, a.last_logged_in_user,
                   a.antivirus_product, a.ext_ip_address, a.int_ip_address, a.domain, a.online, a.last_seen,
                   a.backup_usage_tb::text AS backup_usage_tb,
                   coalesce(trunc(a.backup_usage_tb * 1099511627776)::bigint, 0) AS backup_data_bytes""";

    public static final String CONTACT = """
            SELECT ct.id, ct.name, ct.email, ct.title, ct.employment_type, ct.active, ct.mobile_phone_number,
                   ct.work_phone_number, ct.secondary_emails""";

    static final String LOCATION = "SELECT l.id, l.name, l.address, l.phone_number";

    public static final String BILLING_TICKET = """
            SELECT t.id AS ticket_id, t.ticket_number, t.subject, t.description, t.description_text, t.status, t.priority,
                   t.requester_email, t.requester_name, t.created_at, t.last_updated_at, t.closed_at,
                   t.total_hours_spent::float8 AS total_hours_spent, t.conversations, t.notes""";

    static final Map<String, String> SORTS = Map.of(
            "name", "lower(c.name)", "account_number", "c.account_number", "plan_selected", "c.plan_selected",
            "email_system", "c.email_system", "phone_system", "c.phone_system", "contract_end_date", "c.contract_end_date");

    private final JdbcClient jdbc;

    public CompanyQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String acct) {
        return jdbc.sql("SELECT count(*) FROM companies WHERE account_number = ?").param(acct).query(Long.class).single() > 0;
    }

    public List<Map<String, Object>> all() {
        return jdbc.sql(SUMMARY + " ORDER BY c.account_number").query(Rows.MAP).list();
    }

    public Optional<Map<String, Object>> summary(String acct) {
        return jdbc.sql(SUMMARY + " WHERE c.account_number = ?").param(acct).query(Rows.MAP).optional();
    }

    public List<Map<String, Object>> assets(String acct) {
        return jdbc.sql(BILLING_ASSET + " FROM assets a WHERE a.company_account_number = ? ORDER BY a.hostname, a.id")
                .param(acct).query(Rows.MAP).list();
    }

    public List<Map<String, Object>> contacts(String acct) {
        return jdbc.sql(CONTACT + """
                 FROM contacts ct JOIN contact_company_link l ON l.contact_id = ct.id
                WHERE l.company_account_number = ? ORDER BY ct.name, ct.id""").param(acct).query(Rows.MAP).list();
    }

    public List<Map<String, Object>> locations(String acct) {
        return jdbc.sql(LOCATION + " FROM locations l WHERE l.company_account_number = ? ORDER BY l.name, l.id")
                .param(acct).query(Rows.MAP).list();
    }

    public List<Map<String, Object>> tickets(String acct, Integer year) {
        return jdbc.sql(BILLING_TICKET + " FROM ticket_details t WHERE t.company_account_number = :acct" + yearClause(year)
                + " ORDER BY t.last_updated_at DESC NULLS LAST, t.id")
                .param("acct", acct).params(yearParams(year)).query(Rows.MAP).list();
    }

    static String yearClause(Integer year) {
        return year == null ? "" : " AND t.last_updated_at >= :from AND t.last_updated_at < :to";
    }

    static Map<String, Object> yearParams(Integer year) {
        if (year == null) {
            return Map.of();
        }
        return Map.of("from", java.time.OffsetDateTime.of(year, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC),
                "to", java.time.OffsetDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC));
    }

    /** /companies/api/search and the list page. */
    public Map<String, Object> search(String q, String sortBy, String order, Page page) {
        String where = "";
        Map<String, Object> params = new LinkedHashMap<>();
        if (q != null && !q.isBlank()) {
            where = " WHERE c.name ILIKE :q OR c.account_number ILIKE :q OR c.description ILIKE :q";
            params.put("q", like(q));
        }
        long total = jdbc.sql("SELECT count(*) FROM companies c" + where).params(params).query(Long.class).single();
        String sort = SORTS.get(sortBy == null ? "name" : sortBy);
        String orderBy = sort == null ? "" : " ORDER BY " + sort + ("desc".equalsIgnoreCase(order) ? " DESC NULLS LAST" : " ASC NULLS LAST")
                + ", c.account_number";
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT c.account_number, c.name, c.description, c.plan_selected, c.email_system, c.phone_system,
                       c.contract_end_date FROM companies c""" + where + orderBy + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", page.perPage()).param("offset", page.offset()).query(Rows.MAP).list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("companies", rows);
        body.put("pagination", page.describe(total));
        return body;
    }

    /** ILIKE pattern with the user's % and _ taken literally. */
    public static String like(String q) {
        return "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
