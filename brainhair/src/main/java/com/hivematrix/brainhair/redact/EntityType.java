package com.hivematrix.brainhair.redact;

/** The entity kinds of the original's Presidio configuration (§B6); DATE_TIME is deliberately absent. */
public enum EntityType {
    PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN, CREDIT_CARD, IBAN_CODE, US_PASSPORT, US_DRIVER_LICENSE, MEDICAL_LICENSE,
    IP_ADDRESS, LOCATION, NRP;

    /** What replaces a finding: "First L." for people, {@code <ENTITY>} for everything else. */
    public String replace(String original) {
        if (this != PERSON) {
            return "<" + name() + ">";
        }
        String[] parts = original.trim().split("\\s+");
        if (parts.length < 2) {
            return original;
        }
        return parts[0] + " " + Character.toUpperCase(parts[parts.length - 1].charAt(0)) + ".";
    }
}
