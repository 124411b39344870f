package com.hivematrix.codex.billing;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicInsert;

/** A selectable option of a feature category. */
@Entity
@DynamicInsert
@Table(name = "feature_options")
public class FeatureOption {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String featureCategory;
    private String optionValue;
    private String displayName;
    private String description;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getFeatureCategory() { return featureCategory; }
    public void setFeatureCategory(String featureCategory) { this.featureCategory = featureCategory; }
    public String getOptionValue() { return optionValue; }
    public void setOptionValue(String optionValue) { this.optionValue = optionValue; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
}
