package com.hivematrix.codex.io;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The CSV-importable lists and their columns (the template is exactly these headers). */
public enum ImportKind {
    COMPANIES(List.of("account_number", "name", "description", "plan_selected", "contract_term_length", "contract_start_date",
            "support_level", "compliance_level", "email_system", "phone_system", "company_main_number", "address", "domains"),
            Set.of("account_number", "name")),
    CONTACTS(List.of("email", "first_name", "last_name", "name", "company_account_numbers", "job_title", "mobile_phone_number",
            "work_phone_number", "employment_type", "active", "vip_user", "external_id"),
            Set.of("email")),
    ASSETS(List.of("hostname", "company_account_number", "hardware_type", "device_type", "operating_system", "antivirus_product",
            "int_ip_address", "ext_ip_address", "domain", "last_logged_in_user", "online", "last_seen", "patch_status",
            "backup_usage_tb", "description"),
            Set.of("hostname", "company_account_number")),
    TICKETS(List.of("external_id", "external_source", "company_account_number", "subject", "description_text", "status", "priority",
            "ticket_type", "requester_email", "requester_name", "responder_id", "group_id", "created_at", "last_updated_at",
            "closed_at", "total_hours_spent", "fr_due_by", "due_by", "first_responded_at"),
            Set.of("external_id", "subject", "status"));

    public final List<String> columns;
    public final Set<String> required;

    ImportKind(List<String> columns, Set<String> required) {
        this.columns = columns;
        this.required = required;
    }

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportKind of(String path) {
        for (ImportKind k : values()) {
            if (k.path().equals(path)) {
                return k;
            }
        }
        return null;
    }
}
