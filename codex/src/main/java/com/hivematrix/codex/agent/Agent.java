package com.hivematrix.codex.agent;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicInsert;

/** A platform user (Keycloak) and their preferences. */
@Entity
@DynamicInsert
@Table(name = "agents")
public class Agent {

    @Id
    private String keycloakId;

    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private Boolean enabled;
    private String themePreference;
    private String preferredColorTheme;
    private String knowledgetreeViewPreference;
    private String homePagePreference;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastSyncedAt;

    public String getKeycloakId() { return keycloakId; }
    public void setKeycloakId(String keycloakId) { this.keycloakId = keycloakId; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getThemePreference() { return themePreference; }
    public void setThemePreference(String themePreference) { this.themePreference = themePreference; }
    public String getPreferredColorTheme() { return preferredColorTheme; }
    public void setPreferredColorTheme(String preferredColorTheme) { this.preferredColorTheme = preferredColorTheme; }
    public String getKnowledgetreeViewPreference() { return knowledgetreeViewPreference; }
    public void setKnowledgetreeViewPreference(String knowledgetreeViewPreference) { this.knowledgetreeViewPreference = knowledgetreeViewPreference; }
    public String getHomePagePreference() { return homePagePreference; }
    public void setHomePagePreference(String homePagePreference) { this.homePagePreference = homePagePreference; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Instant getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(Instant lastSyncedAt) { this.lastSyncedAt = lastSyncedAt; }
}
