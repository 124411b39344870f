package com.hivematrix.codex.psa;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Provider-neutral records (spec §5.1 normalized shapes): what every PSA provider produces and the sync saves. */
public final class PsaRecords {

    private PsaRecords() {
    }

    public record Company(long externalId, String name, String description, List<String> domains, Long headUserId, String headName,
            Long primeUserId, String primeUserName, Integer workspaceId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            Map<String, String> customFields) {
    }

    public record Contact(long externalId, String firstName, String lastName, String email, List<String> secondaryEmails,
            Boolean active, Boolean isAgent, Boolean vipUser, Boolean hasLoggedIn, String mobilePhone, String workPhone, String address,
            String jobTitle, List<Long> departmentIds, String departmentNames, Long reportingManagerId, Long locationId,
            String locationName, String language, String timeZone, String timeFormat, Boolean canSeeDeptTickets,
            Boolean canSeeDeptChanges, OffsetDateTime createdAt, OffsetDateTime updatedAt, String backgroundInformation,
            Long workScheduleId, String userNumber) {
    }

    public record Agent(long externalId, String firstName, String lastName, String email, String jobTitle, boolean active,
            List<Long> groupIds, List<Long> departmentIds, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * A ticket. {@code detailed} is true when the ticket came with its details (stats, conversations,
     * time entries, requester): only then do those fields overwrite what is stored.
     */
    public record Ticket(long externalId, String subject, String description, String descriptionText, String status, Integer statusId,
            String priority, Integer priorityId, String ticketType, Long requesterId, String requesterEmail, String requesterName,
            Long responderId, Long groupId, Long departmentId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime closedAt, OffsetDateTime frDueBy, OffsetDateTime dueBy, OffsetDateTime firstRespondedAt,
            OffsetDateTime agentRespondedAt, Double totalHoursSpent, List<JsonNode> conversations, List<JsonNode> notes,
            boolean detailed) {
    }
}
