package com.hivematrix.brainhair.redact;

/** Per company account: its compliance level and what the platform knows about its people and places. */
public interface CompanyDirectory {

    ComplianceLevel level(String accountNumber);

    KnownEntities known(String accountNumber);

    CompanyDirectory NONE = new CompanyDirectory() {
        @Override
        public ComplianceLevel level(String accountNumber) {
            return ComplianceLevel.STANDARD;
        }

        @Override
        public KnownEntities known(String accountNumber) {
            return KnownEntities.NONE;
        }
    };
}
