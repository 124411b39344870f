package com.hivematrix.codex.contact;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.codex.company.CompanyQueries;
import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.Page;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import static com.hivematrix.codex.web.Bodies.blankToNull;

/** Contact list search (§2.2), update (§2.3) and the Brainhair contact APIs. */
@RestController
@Tag(name = "Contacts")
public class ContactApiController {

    static final Map<String, String> SORTS = Map.of("name", "lower(ct.name)", "email", "lower(ct.email)", "active", "ct.active");

    private final JdbcClient jdbc;
    private final ContactRepository contacts;
    private final Bodies bodies;

    public ContactApiController(JdbcClient jdbc, ContactRepository contacts, Bodies bodies) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.bodies = bodies;
    }

    @GetMapping("/contacts/api/search")
    @PreAuthorize(Access.USERS_ONLY)
    public Map<String, Object> search(@RequestParam(required = false) String search,
            @RequestParam(name = "sort_by", required = false) String sortBy, @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
            @RequestParam(name = "show_inactive", required = false) String showInactive) {
        Page p = Page.of(page, perPage);
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!"1".equals(showInactive) && !"true".equalsIgnoreCase(showInactive)) {
            where.append(" AND ct.active");
        }
        if (search != null && !search.isBlank()) {
            where.append(" AND (ct.name ILIKE :q OR ct.email ILIKE :q OR ct.mobile_phone_number ILIKE :q OR ct.work_phone_number ILIKE :q)");
            params.put("q", CompanyQueries.like(search));
        }
        long total = jdbc.sql("SELECT count(*) FROM contacts ct" + where).params(params).query(Long.class).single();
        String sort = SORTS.get(sortBy == null ? "name" : sortBy);
        String orderBy = sort == null ? "" : " ORDER BY " + sort + ("desc".equalsIgnoreCase(order) ? " DESC" : " ASC") + ", ct.id";
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT ct.id, ct.name, ct.email, ct.mobile_phone_number, ct.work_phone_number, ct.active,
                       (SELECT count(*) FROM contact_company_link l WHERE l.contact_id = ct.id) AS company_count
                FROM contacts ct""" + where + orderBy + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", p.perPage()).param("offset", p.offset()).query(Rows.MAP).list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("contacts", rows);
        body.put("pagination", p.describe(total));
        return body;
    }

    @GetMapping("/api/contacts")
    public Map<String, Object> list(@RequestParam(name = "company_id", required = false) String companyId,
            @RequestParam(required = false) String search, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        Page p = Page.of(page, perPage);
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (companyId != null && !companyId.isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM contact_company_link l WHERE l.contact_id = ct.id AND l.company_account_number = :acct)");
            params.put("acct", companyId);
        }
        if (search != null && !search.isBlank()) {
            where.append(" AND (ct.name ILIKE :q OR ct.email ILIKE :q)");
            params.put("q", CompanyQueries.like(search));
        }
        long total = jdbc.sql("SELECT count(*) FROM contacts ct" + where).params(params).query(Long.class).single();
        List<Map<String, Object>> rows = jdbc.sql(CompanyQueries.CONTACT + """
                , ARRAY(SELECT l.company_account_number FROM contact_company_link l WHERE l.contact_id = ct.id
                        ORDER BY 1)::text[] AS company_account_numbers
                FROM contacts ct""" + where + " ORDER BY lower(ct.name), ct.id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", p.perPage()).param("offset", p.offset()).query((rs, n) -> {
                    Map<String, Object> row = Rows.map(rs, n);
                    row.put("company_account_numbers", Arrays.asList((Object[]) rs.getArray("company_account_numbers").getArray()));
                    return row;
                }).list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contacts", rows);
        body.put("pagination", p.describe(total));
        return body;
    }

    @GetMapping("/api/contact/{id}")
    public ResponseEntity<?> one(@PathVariable long id) {
        return jdbc.sql("""
                SELECT ct.id, ct.external_id, ct.external_source, ct.first_name, ct.last_name, ct.name, ct.email, ct.primary_email,
                       ct.title, ct.job_title, ct.employment_type, ct.active, ct.vip_user, ct.is_agent, ct.mobile_phone_number,
                       ct.work_phone_number, ct.secondary_emails, ct.address, ct.location_name, ct.time_zone,
                       ct.background_information, ct.created_at, ct.updated_at
                FROM contacts ct WHERE ct.id = ?""").param(id).query(Rows.MAP).optional().<ResponseEntity<?>>map(row -> {
                    row.put("companies", jdbc.sql("""
                            SELECT c.account_number, c.name, coalesce(c.compliance_level, 'standard') AS compliance_level
                            FROM companies c JOIN contact_company_link l ON l.company_account_number = c.account_number
                            WHERE l.contact_id = ? ORDER BY c.name""").param(id).query(Rows.MAP).list());
                    row.put("asset_ids", jdbc.sql("SELECT asset_id FROM asset_contact_link WHERE contact_id = ? ORDER BY 1")
                            .param(id).query(Long.class).list());
                    return ResponseEntity.ok(row);
                }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Contact not found")));
    }

    @PutMapping("/contacts/{id}/update")
    @PreAuthorize(Access.TECH_USER)
    @Transactional
    public Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) JsonNode raw) {
        ContactUpdate u = bodies.read(raw, ContactUpdate.class, null);
        Contact c = contacts.findById(id).orElseThrow(() -> ProblemException.notFound("Contact " + id + " not found"));
        if (raw.has("first_name")) c.setFirstName(blankToNull(u.first_name()));
        if (raw.has("last_name")) {
            c.setLastName(blankToNull(u.last_name()));
            String name = ((c.getFirstName() == null ? "" : c.getFirstName()) + " " + (c.getLastName() == null ? "" : c.getLastName())).trim();
            c.setName(name.isEmpty() ? c.getEmail().split("@")[0] : name);
        }
        if (raw.has("email")) {
            c.setEmail(u.email().trim());
            c.setPrimaryEmail(u.email().trim());
        }
        if (raw.has("job_title")) {
            c.setJobTitle(blankToNull(u.job_title()));
            c.setTitle(blankToNull(u.job_title()));
        }
        if (raw.has("mobile_phone_number")) c.setMobilePhoneNumber(blankToNull(u.mobile_phone_number()));
        if (raw.has("work_phone_number")) c.setWorkPhoneNumber(blankToNull(u.work_phone_number()));
        if (raw.has("secondary_emails")) {
            List<String> emails = u.secondary_emails() == null ? List.of()
                    : Arrays.stream(u.secondary_emails().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            c.setSecondaryEmails(emails.isEmpty() ? null : Rows.JSON.writeValueAsString(emails));
        }
        if (raw.has("location_name")) c.setLocationName(blankToNull(u.location_name()));
        if (raw.has("time_zone")) c.setTimeZone(blankToNull(u.time_zone()));
        if (raw.has("address")) c.setAddress(blankToNull(u.address()));
        if (raw.has("background_information")) c.setBackgroundInformation(blankToNull(u.background_information()));
        if (raw.has("active") && u.active() != null) c.setActive(u.active());
        if (raw.has("vip_user") && u.vip_user() != null) c.setVipUser(u.vip_user());
        if (raw.has("is_agent") && u.is_agent() != null) c.setIsAgent(u.is_agent());
        if (raw.has("employment_type") && blankToNull(u.employment_type()) != null) c.setEmploymentType(u.employment_type().trim());
        if (raw.has("company_account_numbers") && u.company_account_numbers() != null) {
            Set<String> accts = new HashSet<>(u.company_account_numbers());
            long known = accts.isEmpty() ? 0 : jdbc.sql("SELECT count(*) FROM companies WHERE account_number IN (:a)")
                    .param("a", accts).query(Long.class).single();
            if (known != accts.size()) {
                throw Bodies.unprocessable(null, List.of(Map.of("field", "company_account_numbers", "message", "contains an unknown company")));
            }
            c.getCompanyAccountNumbers().clear();
            c.getCompanyAccountNumbers().addAll(accts);
        }
        c.setUpdatedAt(Instant.now());
        contacts.saveAndFlush(c);
        if (raw.has("asset_ids") && u.asset_ids() != null) {
            Set<Long> ids = new HashSet<>(u.asset_ids());
            long known = ids.isEmpty() ? 0 : jdbc.sql("SELECT count(*) FROM assets WHERE id IN (:a)").param("a", ids).query(Long.class).single();
            if (known != ids.size()) {
                throw Bodies.unprocessable(null, List.of(Map.of("field", "asset_ids", "message", "contains an unknown asset")));
            }
            jdbc.sql("DELETE FROM asset_contact_link WHERE contact_id = ?").param(id).update();
            for (Long assetId : ids) {
                jdbc.sql("INSERT INTO asset_contact_link (asset_id, contact_id) VALUES (?, ?)").params(assetId, id).update();
            }
        }
        return Map.of("success", true, "message", "Contact updated successfully");
    }
}
