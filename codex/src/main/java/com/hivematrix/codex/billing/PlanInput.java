package com.hivematrix.codex.billing;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Create/update body of /api/billing-plans (legacy feature keys and a features map both accepted). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanInput(
        @Size(max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String plan_name,
        @Size(max = 100) String billing_plan,
        @Size(max = 50) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String term_length,
        @Size(max = 100) String support_level,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_user_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_workstation_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_server_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_vm_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_switch_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_firewall_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal per_hour_ticket_cost,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal backup_base_fee_workstation,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal backup_base_fee_server,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal backup_included_tb,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal backup_per_tb_fee,
        @Size(max = 150) String antivirus,
        @Size(max = 150) String soc,
        @Size(max = 150) String password_manager,
        @Size(max = 150) String sat,
        @Size(max = 150) String email_security,
        @Size(max = 150) String network_management,
        Map<String, @Size(max = 150) String> features) {
}
