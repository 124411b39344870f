package com.hivematrix.codex.contact;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.DynamicInsert;

/** A person at a client company (PSA requester). */
@Entity
@DynamicInsert
@Table(name = "contacts")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long externalId;
    private String externalSource;
    private String firstName;
    private String lastName;
    private String name;
    private String primaryEmail;
    private String email;
    private Boolean active;
    private Boolean isAgent;
    private Boolean vipUser;
    private Boolean hasLoggedIn;
    private String mobilePhoneNumber;
    private String workPhoneNumber;
    private String address;
    private String secondaryEmails;
    private String jobTitle;
    private String title;
    private String employmentType;
    private String departmentIds;
    private String departmentNames;
    private Long reportingManagerId;
    private Long locationId;
    private String locationName;
    private String language;
    private String timeZone;
    private String timeFormat;
    private Boolean canSeeAllTicketsFromAssociatedDepartments;
    private Boolean canSeeAllChangesFromAssociatedDepartments;
    private Instant createdAt;
    private Instant updatedAt;
    private String backgroundInformation;
    private Long workScheduleId;
    private String userNumber;
    @ElementCollection
    @CollectionTable(name = "contact_company_link", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "company_account_number")
    private Set<String> companyAccountNumbers = new HashSet<>();

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getExternalId() { return externalId; }
    public void setExternalId(Long externalId) { this.externalId = externalId; }
    public String getExternalSource() { return externalSource; }
    public void setExternalSource(String externalSource) { this.externalSource = externalSource; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPrimaryEmail() { return primaryEmail; }
    public void setPrimaryEmail(String primaryEmail) { this.primaryEmail = primaryEmail; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Boolean getActive() { return active; }
    public void setActive(Boolean active) { this.active = active; }
    public Boolean getIsAgent() { return isAgent; }
    public void setIsAgent(Boolean isAgent) { this.isAgent = isAgent; }
    public Boolean getVipUser() { return vipUser; }
    public void setVipUser(Boolean vipUser) { this.vipUser = vipUser; }
    public Boolean getHasLoggedIn() { return hasLoggedIn; }
    public void setHasLoggedIn(Boolean hasLoggedIn) { this.hasLoggedIn = hasLoggedIn; }
    public String getMobilePhoneNumber() { return mobilePhoneNumber; }
    public void setMobilePhoneNumber(String mobilePhoneNumber) { this.mobilePhoneNumber = mobilePhoneNumber; }
    public String getWorkPhoneNumber() { return workPhoneNumber; }
    public void setWorkPhoneNumber(String workPhoneNumber) { this.workPhoneNumber = workPhoneNumber; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getSecondaryEmails() { return secondaryEmails; }
    public void setSecondaryEmails(String secondaryEmails) { this.secondaryEmails = secondaryEmails; }
    public String getJobTitle() { return jobTitle; }
    public void setJobTitle(String jobTitle) { this.jobTitle = jobTitle; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getEmploymentType() { return employmentType; }
    public void setEmploymentType(String employmentType) { this.employmentType = employmentType; }
    public String getDepartmentIds() { return departmentIds; }
    public void setDepartmentIds(String departmentIds) { this.departmentIds = departmentIds; }
    public String getDepartmentNames() { return departmentNames; }
    public void setDepartmentNames(String departmentNames) { this.departmentNames = departmentNames; }
    public Long getReportingManagerId() { return reportingManagerId; }
    public void setReportingManagerId(Long reportingManagerId) { this.reportingManagerId = reportingManagerId; }
    public Long getLocationId() { return locationId; }
    public void setLocationId(Long locationId) { this.locationId = locationId; }
    public String getLocationName() { return locationName; }
    public void setLocationName(String locationName) { this.locationName = locationName; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getTimeFormat() { return timeFormat; }
    public void setTimeFormat(String timeFormat) { this.timeFormat = timeFormat; }
    public Boolean getCanSeeAllTicketsFromAssociatedDepartments() { return canSeeAllTicketsFromAssociatedDepartments; }
    public void setCanSeeAllTicketsFromAssociatedDepartments(Boolean canSeeAllTicketsFromAssociatedDepartments) { this.canSeeAllTicketsFromAssociatedDepartments = canSeeAllTicketsFromAssociatedDepartments; }
    public Boolean getCanSeeAllChangesFromAssociatedDepartments() { return canSeeAllChangesFromAssociatedDepartments; }
    public void setCanSeeAllChangesFromAssociatedDepartments(Boolean canSeeAllChangesFromAssociatedDepartments) { this.canSeeAllChangesFromAssociatedDepartments = canSeeAllChangesFromAssociatedDepartments; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public String getBackgroundInformation() { return backgroundInformation; }
    public void setBackgroundInformation(String backgroundInformation) { this.backgroundInformation = backgroundInformation; }
    public Long getWorkScheduleId() { return workScheduleId; }
    public void setWorkScheduleId(Long workScheduleId) { this.workScheduleId = workScheduleId; }
    public String getUserNumber() { return userNumber; }
    public void setUserNumber(String userNumber) { this.userNumber = userNumber; }
    public Set<String> getCompanyAccountNumbers() { return companyAccountNumbers; }
    public void setCompanyAccountNumbers(Set<String> companyAccountNumbers) { this.companyAccountNumbers = companyAccountNumbers; }
}
