package com.hivematrix.brainhair.redact;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static com.hivematrix.brainhair.redact.EntityType.*;

/** A company's compliance level (Codex {@code compliance_level}) and the entities it hides (§B6). */
public enum ComplianceLevel {
    STANDARD(EnumSet.of(US_SSN, CREDIT_CARD, IBAN_CODE, US_PASSPORT, US_DRIVER_LICENSE)),
    CJIS(EnumSet.of(PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN, US_DRIVER_LICENSE, LOCATION, IP_ADDRESS)),
    HIPAA(EnumSet.of(PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN, LOCATION, MEDICAL_LICENSE, US_DRIVER_LICENSE, US_PASSPORT,
            CREDIT_CARD, IBAN_CODE, IP_ADDRESS, NRP));

    private final Set<EntityType> entities;

    ComplianceLevel(Set<EntityType> entities) {
        this.entities = entities;
    }

    public Set<EntityType> entities() {
        return entities;
    }

    /** Unknown or missing values are standard, as in Codex. */
    public static ComplianceLevel of(String value) {
        if (value == null) {
            return STANDARD;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "cjis" -> CJIS;
            case "hipaa" -> HIPAA;
            default -> STANDARD;
        };
    }

    /** The stored {@code filter_type}: phi for HIPAA, cjis for CJIS, standard otherwise. */
    public String filterType() {
        return switch (this) {
            case HIPAA -> "phi";
            case CJIS -> "cjis";
            case STANDARD -> "standard";
        };
    }

    public ComplianceLevel stricter(ComplianceLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
