package com.hivematrix.codex.company;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicInsert;

/** Per-company override of a plan feature (local only). */
@Entity
@DynamicInsert
@Table(name = "company_feature_overrides")
public class FeatureOverride {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String companyAccountNumber;
    private String featureKey;
    private String value;
    private Boolean overrideEnabled;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getCompanyAccountNumber() { return companyAccountNumber; }
    public void setCompanyAccountNumber(String companyAccountNumber) { this.companyAccountNumber = companyAccountNumber; }
    public String getFeatureKey() { return featureKey; }
    public void setFeatureKey(String featureKey) { this.featureKey = featureKey; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public Boolean getOverrideEnabled() { return overrideEnabled; }
    public void setOverrideEnabled(Boolean overrideEnabled) { this.overrideEnabled = overrideEnabled; }
}
