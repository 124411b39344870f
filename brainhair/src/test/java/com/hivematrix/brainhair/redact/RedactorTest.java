package com.hivematrix.brainhair.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON traversal: each item at its own company's level, identifier fields allow-listed, keys untouched. */
class RedactorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final CompanyDirectory directory = new CompanyDirectory() {
        final Map<String, ComplianceLevel> levels = Map.of("1", ComplianceLevel.HIPAA, "2", ComplianceLevel.STANDARD, "3", ComplianceLevel.CJIS);

        @Override
        public ComplianceLevel level(String account) {
            return levels.getOrDefault(account, ComplianceLevel.STANDARD);
        }

        @Override
        public KnownEntities known(String account) {
            return "1".equals(account) ? new KnownEntities(List.of("Zorion Quaye"), List.of("Harbor Clinic")) : KnownEntities.NONE;
        }
    };

    @Test
    void eachItemIsFilteredAtItsOwnCompanysLevelNotTheWrappers() {
        JsonNode in = JSON.readTree("""
                {"tickets": [
                  {"company_account_number": "1", "hostname": "Mary Smith-PC", "subject": "Mary Smith at Harbor Clinic, 10.0.0.7, on 2025-10-03",
                   "requester": {"name": "Zorion Quaye", "email": "zq@x.test"}},
                  {"company_account_number": "2", "subject": "Mary Smith, 555-201-3344, SSN 123-45-6789"},
                  {"company_compliance_level": "cjis", "subject": "Dale Marsh drove from Denver"}
                ]}""");
        Redactor.Result r = new Redactor().redact(in, null, directory);
        JsonNode t = r.value().path("tickets");
        assertThat(t.get(0).path("subject").asString()).isEqualTo("Mary S. at <LOCATION>, <IP_ADDRESS>, on 2025-10-03");
        assertThat(t.get(0).path("hostname").asString()).isEqualTo("Mary Smith-PC");
        assertThat(t.get(0).path("requester").path("name").asString()).isEqualTo("Zorion Q.");
        assertThat(t.get(0).path("requester").path("email").asString()).isEqualTo("<EMAIL_ADDRESS>");
        assertThat(t.get(1).path("subject").asString()).isEqualTo("Mary Smith, 555-201-3344, SSN <US_SSN>");
        assertThat(t.get(2).path("subject").asString()).isEqualTo("Dale M. drove from <LOCATION>");
        assertThat(r.level()).isEqualTo(ComplianceLevel.HIPAA);
        assertThat(r.filtered()).contains(EntityType.PERSON, EntityType.US_SSN, EntityType.LOCATION, EntityType.IP_ADDRESS);
    }

    @Test
    void groupsAreNrpForHipaaOnlyAndOnlyAsProperNames() {
        String text = "Patient is Roman Catholic and Vietnamese, a catholic taste in drivers, host THAI-WS1, keyboard English (US)";
        assertThat(TextRedactor.redact(text, ComplianceLevel.HIPAA.entities(), KnownEntities.NONE).text())
                .isEqualTo("Patient is <NRP> and <NRP>, a catholic taste in drivers, host THAI-WS1, keyboard English (US)");
        assertThat(TextRedactor.redact(text, ComplianceLevel.CJIS.entities(), KnownEntities.NONE).text()).isEqualTo(text);
        assertThat(TextRedactor.redact(text, ComplianceLevel.STANDARD.entities(), KnownEntities.NONE).text()).isEqualTo(text);
    }

    @Test
    void singleTokenNamesStayAndAccountNumbersAndIdsAreNeverTouched() {
        JsonNode in = JSON.readTree("{\"account_number\": \"1\", \"id\": \"123-45-6789\", \"note\": \"Ask Mary\", \"ticket_number\": \"4111 1111 1111 1111\"}");
        JsonNode out = new Redactor().redact(in, null, directory).value();
        assertThat(out.path("note").asString()).isEqualTo("Ask Mary");
        assertThat(out.path("id").asString()).isEqualTo("123-45-6789");
        assertThat(out.path("ticket_number").asString()).isEqualTo("4111 1111 1111 1111");
    }
}
