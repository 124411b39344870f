package com.hivematrix.codex.company;

import java.util.Map;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of PUT /companies/{acct}/update: component names are the JSON keys. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompanyUpdate(
        @Size(max = 150) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        String description,
        @Pattern(regexp = "^(standard|cjis|hipaa)?$", message = "must be one of standard, cjis, hipaa") String compliance_level,
        @Size(max = 100) String billing_plan,
        @Size(max = 100) String support_level,
        @Size(max = 100) String email_system,
        @Size(max = 100) String phone_system,
        @Size(max = 50) String contract_term_length,
        @Size(max = 100) String managed_users,
        @Size(max = 100) String managed_devices,
        @Size(max = 100) String managed_network,
        @Size(max = 50) String company_main_number,
        String address,
        @Size(max = 255) @Pattern(regexp = "^$|^https?://.*", message = "must be an http(s) URL") String datto_portal_url,
        String domains,
        Long head_user_id,
        Long prime_user_id,
        @Pattern(regexp = ISO_DATE, message = "must be a date YYYY-MM-DD") String company_start_date,
        @Pattern(regexp = ISO_DATE, message = "must be a date YYYY-MM-DD") String contract_start_date,
        @Pattern(regexp = ISO_DATE, message = "must be a date YYYY-MM-DD") String contract_end_date,
        Map<String, @Size(max = 100) String> feature_overrides) {

    static final String ISO_DATE = "^$|^\\d{4}-\\d{2}-\\d{2}$";
}
