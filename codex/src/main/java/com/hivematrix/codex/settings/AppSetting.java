package com.hivematrix.codex.settings;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicInsert;

/** A stored setting. */
@Entity
@DynamicInsert
@Table(name = "app_settings")
public class AppSetting {

    @Id
    private String key;

    private String value;
    private Boolean secret;
    private Instant updatedAt;

    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public Boolean getSecret() { return secret; }
    public void setSecret(Boolean secret) { this.secret = secret; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
}
