package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** A contact linked to two companies (Person 01: 100200 and 100300) is billed once, the same way in the single and the bulk path. */
class ContactRulesApiTest extends LedgerTestBase {

    @Test
    void sharedContactIsBilledByItsHomeCompanyOnlyInEveryPath() {
        JsonNode books = ok(http.get("/api/billing/100300?year=2025&month=10", BILLING)).json();
        JsonNode line = null;
        for (JsonNode u : books.get("receipt").get("billed_users")) {
            if ("Person 01".equals(u.get("name").asString())) {
                line = u;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.get("type").asString()).isEqualTo("Billed with 100200");
        assertThat(line.get("cost").decimalValue()).isEqualByComparingTo("0");
        assertThat(books.get("quantities").get("shared_users").asInt()).isEqualTo(1);

        JsonNode dental = ok(http.get("/api/billing/100200?year=2025&month=10", BILLING)).json();
        assertThat(dental.get("receipt").get("billed_users").findValuesAsString("type")).doesNotContain("Billed with 100300");

        JsonNode dashboard = ok(http.get("/api/billing/dashboard?year=2025&month=10", BILLING)).json();
        for (JsonNode row : dashboard.get("companies")) {
            String acct = row.get("account_number").asString();
            if (acct.equals("100300")) {
                assertThat(row.get("total_bill").decimalValue()).isEqualByComparingTo(books.get("receipt").get("total").decimalValue());
            }
            if (acct.equals("100200")) {
                assertThat(row.get("total_bill").decimalValue()).isEqualByComparingTo(dental.get("receipt").get("total").decimalValue());
            }
        }
    }
}
