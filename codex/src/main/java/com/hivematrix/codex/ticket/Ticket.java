package com.hivematrix.codex.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicInsert;

/** A PSA ticket: internal id plus the PSA's external id. */
@Entity
@DynamicInsert
@Table(name = "ticket_details")
public class Ticket {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long externalId;
    private String externalSource;
    private String companyAccountNumber;
    private String ticketNumber;
    private String subject;
    private String description;
    private String descriptionText;
    private String status;
    private String priority;
    private Integer statusId;
    private Integer priorityId;
    private String ticketType;
    private String requesterEmail;
    private String requesterName;
    private Long requesterId;
    private Long responderId;
    private Long groupId;
    private Long departmentId;
    private Instant createdAt;
    private Instant lastUpdatedAt;
    private Instant closedAt;
    private BigDecimal totalHoursSpent;
    private Instant frDueBy;
    private Instant dueBy;
    private Instant firstRespondedAt;
    private Instant agentRespondedAt;
    private Instant webhookUpdatedAt;
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private String conversations;
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private String notes;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getExternalId() { return externalId; }
    public void setExternalId(Long externalId) { this.externalId = externalId; }
    public String getExternalSource() { return externalSource; }
    public void setExternalSource(String externalSource) { this.externalSource = externalSource; }
    public String getCompanyAccountNumber() { return companyAccountNumber; }
    public void setCompanyAccountNumber(String companyAccountNumber) { this.companyAccountNumber = companyAccountNumber; }
    public String getTicketNumber() { return ticketNumber; }
    public void setTicketNumber(String ticketNumber) { this.ticketNumber = ticketNumber; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getDescriptionText() { return descriptionText; }
    public void setDescriptionText(String descriptionText) { this.descriptionText = descriptionText; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getPriority() { return priority; }
    public void setPriority(String priority) { this.priority = priority; }
    public Integer getStatusId() { return statusId; }
    public void setStatusId(Integer statusId) { this.statusId = statusId; }
    public Integer getPriorityId() { return priorityId; }
    public void setPriorityId(Integer priorityId) { this.priorityId = priorityId; }
    public String getTicketType() { return ticketType; }
    public void setTicketType(String ticketType) { this.ticketType = ticketType; }
    public String getRequesterEmail() { return requesterEmail; }
    public void setRequesterEmail(String requesterEmail) { this.requesterEmail = requesterEmail; }
    public String getRequesterName() { return requesterName; }
    public void setRequesterName(String requesterName) { this.requesterName = requesterName; }
    public Long getRequesterId() { return requesterId; }
    public void setRequesterId(Long requesterId) { this.requesterId = requesterId; }
    public Long getResponderId() { return responderId; }
    public void setResponderId(Long responderId) { this.responderId = responderId; }
    public Long getGroupId() { return groupId; }
    public void setGroupId(Long groupId) { this.groupId = groupId; }
    public Long getDepartmentId() { return departmentId; }
    public void setDepartmentId(Long departmentId) { this.departmentId = departmentId; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getLastUpdatedAt() { return lastUpdatedAt; }
    public void setLastUpdatedAt(Instant lastUpdatedAt) { this.lastUpdatedAt = lastUpdatedAt; }
    public Instant getClosedAt() { return closedAt; }
    public void setClosedAt(Instant closedAt) { this.closedAt = closedAt; }
    public BigDecimal getTotalHoursSpent() { return totalHoursSpent; }
    public void setTotalHoursSpent(BigDecimal totalHoursSpent) { this.totalHoursSpent = totalHoursSpent; }
    public Instant getFrDueBy() { return frDueBy; }
    public void setFrDueBy(Instant frDueBy) { this.frDueBy = frDueBy; }
    public Instant getDueBy() { return dueBy; }
    public void setDueBy(Instant dueBy) { this.dueBy = dueBy; }
    public Instant getFirstRespondedAt() { return firstRespondedAt; }
    public void setFirstRespondedAt(Instant firstRespondedAt) { this.firstRespondedAt = firstRespondedAt; }
    public Instant getAgentRespondedAt() { return agentRespondedAt; }
    public void setAgentRespondedAt(Instant agentRespondedAt) { this.agentRespondedAt = agentRespondedAt; }
    public Instant getWebhookUpdatedAt() { return webhookUpdatedAt; }
    public void setWebhookUpdatedAt(Instant webhookUpdatedAt) { this.webhookUpdatedAt = webhookUpdatedAt; }
    public String getConversations() { return conversations; }
    public void setConversations(String conversations) { this.conversations = conversations; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
}
