package com.hivematrix.ledger;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.hivematrix.ledger.engine.BillingRules;

/** {@code ledger.*}: the service allow-list and the rule profile of the engine. */
@ConfigurationProperties("ledger")
public record LedgerProperties(List<String> allowedServices, Rules rules) {

    public LedgerProperties {
        allowedServices = allowedServices == null ? List.of() : List.copyOf(allowedServices);
        rules = rules == null ? new Rules(null, null, null, null) : rules;
    }

    public record Rules(String profile, BillingRules.PrepaidYear prepaidYear, Boolean billInactiveContacts,
            Boolean billSharedContactsInEachCompany) {

        public BillingRules toRules() {
            BillingRules base = "ORIGINAL".equalsIgnoreCase(profile) ? BillingRules.ORIGINAL : BillingRules.CORRECTED;
            if (prepaidYear != null) {
                base = base.withPrepaidYear(prepaidYear);
            }
            if (billInactiveContacts != null) {
                base = base.withBillInactiveContacts(billInactiveContacts);
            }
            if (billSharedContactsInEachCompany != null) {
                base = base.withSharedContactsInEachCompany(billSharedContactsInEachCompany);
            }
            return base;
        }
    }
}
