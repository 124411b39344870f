package com.hivematrix.codex.contact;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of PUT /contacts/{id}/update: component names are the JSON keys. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactUpdate(
        @Size(max = 150) String first_name,
        @Size(max = 150) String last_name,
        @Size(max = 150) @Email @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String email,
        @Size(max = 150) String job_title,
        @Size(max = 50) String mobile_phone_number,
        @Size(max = 50) String work_phone_number,
        String secondary_emails,
        @Size(max = 150) String location_name,
        @Size(max = 100) String time_zone,
        String address,
        String background_information,
        Boolean active,
        Boolean vip_user,
        Boolean is_agent,
        @Size(max = 100) String employment_type,
        List<@Size(max = 50) String> company_account_numbers,
        List<Long> asset_ids) {
}
