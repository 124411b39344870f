package com.hivematrix.beacon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("beacon")
public class BeaconProperties {

    /** Professional Services group id when Codex's /api/psa/config cannot say; null = unknown. */
    private Long professionalServicesGroupId = 19000234009L;
    /** PSA ticket link with a {ticket_id} placeholder when Codex's /api/psa/config cannot say. */
    private String ticketUrlTemplate;
    /** How often the board fetches fresh data in the browser. */
    private Duration autoRefresh = Duration.ofSeconds(60);
    /** How long one answer of Codex's active-ticket feed serves every board (TVs, dashboards). */
    private Duration feedCacheTtl = Duration.ofSeconds(5);
    /** How long the agent list and PSA config are kept (the original: 300 s). */
    private Duration lookupCacheTtl = Duration.ofSeconds(300);

    public Long getProfessionalServicesGroupId() { return professionalServicesGroupId; }
    public void setProfessionalServicesGroupId(Long id) { this.professionalServicesGroupId = id; }
    public String getTicketUrlTemplate() { return ticketUrlTemplate; }
    public void setTicketUrlTemplate(String t) { this.ticketUrlTemplate = t; }
    public Duration getAutoRefresh() { return autoRefresh; }
    public void setAutoRefresh(Duration autoRefresh) { this.autoRefresh = autoRefresh; }
    public Duration getFeedCacheTtl() { return feedCacheTtl; }
    public void setFeedCacheTtl(Duration feedCacheTtl) { this.feedCacheTtl = feedCacheTtl; }
    public Duration getLookupCacheTtl() { return lookupCacheTtl; }
    public void setLookupCacheTtl(Duration lookupCacheTtl) { this.lookupCacheTtl = lookupCacheTtl; }
}
