package com.hivematrix.codex.company;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.hivematrix.codex.contact.Contact;
import com.hivematrix.codex.contact.ContactRepository;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

import static com.hivematrix.codex.web.Bodies.blankToNull;

/** Company mutations (local edits; fields marked local-only are never touched by sync). */
@Service
public class CompanyService {

    private final CompanyRepository companies;
    private final ContactRepository contacts;
    private final FeatureOverrideRepository overrides;

    public CompanyService(CompanyRepository companies, ContactRepository contacts, FeatureOverrideRepository overrides) {
        this.companies = companies;
        this.contacts = contacts;
        this.overrides = overrides;
    }

    public Company require(String acct) {
        return companies.findById(acct).orElseThrow(() -> ProblemException.notFound("Company " + acct + " not found"));
    }

    @Transactional
    public Company update(String acct, JsonNode raw, CompanyUpdate u) {
        Company c = require(acct);
        if (raw.has("name")) c.setName(u.name().trim());
        if (raw.has("description")) c.setDescription(blankToNull(u.description()));
        if (raw.has("compliance_level")) c.setComplianceLevel(u.compliance_level() == null || u.compliance_level().isEmpty() ? "standard" : u.compliance_level());
        if (raw.has("billing_plan")) {
            // the API's billing_plan reads plan_selected: an edit changes both (spec bug 10)
            c.setBillingPlan(blankToNull(u.billing_plan()));
            c.setPlanSelected(blankToNull(u.billing_plan()));
        }
        if (raw.has("support_level")) c.setSupportLevel(blankToNull(u.support_level()));
        if (raw.has("email_system")) c.setEmailSystem(blankToNull(u.email_system()));
        if (raw.has("phone_system")) c.setPhoneSystem(blankToNull(u.phone_system()));
        if (raw.has("contract_term_length")) c.setContractTermLength(ContractTerms.normalize(u.contract_term_length()));
        if (raw.has("managed_users")) c.setManagedUsers(blankToNull(u.managed_users()));
        if (raw.has("managed_devices")) c.setManagedDevices(blankToNull(u.managed_devices()));
        if (raw.has("managed_network")) c.setManagedNetwork(blankToNull(u.managed_network()));
        if (raw.has("company_main_number")) c.setCompanyMainNumber(blankToNull(u.company_main_number()));
        if (raw.has("address")) c.setAddress(blankToNull(u.address()));
        if (raw.has("datto_portal_url")) c.setDattoPortalUrl(blankToNull(u.datto_portal_url()));
        if (raw.has("domains")) c.setDomains(domains(raw.get("domains")));
        if (raw.has("head_user_id")) {
            c.setHeadUserId(u.head_user_id());
            c.setHeadName(contactName(u.head_user_id()));
        }
        if (raw.has("prime_user_id")) {
            c.setPrimeUserId(u.prime_user_id());
            c.setPrimeUserName(contactName(u.prime_user_id()));
        }
        if (raw.has("company_start_date")) c.setCompanyStartDate(date("company_start_date", u.company_start_date()));
        if (raw.has("contract_start_date")) c.setContractStartDate(date("contract_start_date", u.contract_start_date()));
        if (raw.has("contract_end_date")) c.setContractEndDate(date("contract_end_date", u.contract_end_date()));
        if (raw.has("contract_start_date") || raw.has("contract_term_length")) {
            LocalDate end = ContractTerms.endDate(c.getContractStartDate(), c.getContractTermLength());
            if (end != null || !raw.has("contract_end_date")) {
                c.setContractEndDate(end);
            }
        }
        if (raw.has("feature_overrides") && u.feature_overrides() != null) {
            overrides.deleteByCompany(acct);
            overrides.flush();
            for (Map.Entry<String, String> e : u.feature_overrides().entrySet()) {
                if (e.getValue() != null && !e.getValue().isBlank()) {
                    FeatureOverride o = new FeatureOverride();
                    o.setCompanyAccountNumber(acct);
                    o.setFeatureKey(e.getKey());
                    o.setValue(e.getValue().trim());
                    o.setOverrideEnabled(true);
                    overrides.save(o);
                }
            }
        }
        c.setUpdatedAt(Instant.now());
        return c;
    }

    private String contactName(Long externalId) {
        if (externalId == null) {
            return null;
        }
        return contacts.findFirstByExternalId(externalId).map(Contact::getName).orElse(null);
    }

    /** Accepts the original's JSON-array string, a JSON array, or one domain per line; stores a JSON-array string. */
    static String domains(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> list;
        if (node.isArray()) {
            list = node.valueStream().map(JsonNode::asString).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else {
            String s = node.asString().trim();
            if (s.isEmpty()) {
                return null;
            }
            if (s.startsWith("[")) {
                try {
                    return domains(com.hivematrix.codex.web.Rows.JSON.readTree(s));
                } catch (tools.jackson.core.JacksonException e) {
                    throw Bodies.unprocessable(null, List.of(Map.of("field", "domains", "message", "is not a JSON array")));
                }
            }
            list = s.lines().flatMap(l -> java.util.Arrays.stream(l.split(","))).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        return list.isEmpty() ? null : com.hivematrix.codex.web.Rows.JSON.writeValueAsString(list);
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Bodies.unprocessable(null, List.of(Map.of("field", field, "message", "must be a valid date")));
        }
    }
}
