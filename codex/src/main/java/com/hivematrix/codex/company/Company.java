package com.hivematrix.codex.company;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.DynamicInsert;

/** A client company; the PSA account number is its key. */
@Entity
@DynamicInsert
@Table(name = "companies")
public class Company {

    @Id
    private String accountNumber;

    private String psaProvider;
    private String complianceLevel;
    private Long externalId;
    private String externalSource;
    private String name;
    private String description;
    private Instant createdAt;
    private Instant updatedAt;
    private Long headUserId;
    private Long primeUserId;
    private String headName;
    private String primeUserName;
    private String domains;
    private Integer workspaceId;
    private String planSelected;
    private String managedUsers;
    private String managedDevices;
    private String managedNetwork;
    private String contractTerm;
    private LocalDate contractStartDate;
    private LocalDate contractEndDate;
    private String profitOrNonProfit;
    private String companyMainNumber;
    private String address;
    private LocalDate companyStartDate;
    private String billingPlan;
    private String contractTermLength;
    private String supportLevel;
    private String phoneSystem;
    private String emailSystem;
    private String dattoPortalUrl;

    public String getAccountNumber() { return accountNumber; }
    public void setAccountNumber(String accountNumber) { this.accountNumber = accountNumber; }
    public String getPsaProvider() { return psaProvider; }
    public void setPsaProvider(String psaProvider) { this.psaProvider = psaProvider; }
    public String getComplianceLevel() { return complianceLevel; }
    public void setComplianceLevel(String complianceLevel) { this.complianceLevel = complianceLevel; }
    public Long getExternalId() { return externalId; }
    public void setExternalId(Long externalId) { this.externalId = externalId; }
    public String getExternalSource() { return externalSource; }
    public void setExternalSource(String externalSource) { this.externalSource = externalSource; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Long getHeadUserId() { return headUserId; }
    public void setHeadUserId(Long headUserId) { this.headUserId = headUserId; }
    public Long getPrimeUserId() { return primeUserId; }
    public void setPrimeUserId(Long primeUserId) { this.primeUserId = primeUserId; }
    public String getHeadName() { return headName; }
    public void setHeadName(String headName) { this.headName = headName; }
    public String getPrimeUserName() { return primeUserName; }
    public void setPrimeUserName(String primeUserName) { this.primeUserName = primeUserName; }
    public String getDomains() { return domains; }
    public void setDomains(String domains) { this.domains = domains; }
    public Integer getWorkspaceId() { return workspaceId; }
    public void setWorkspaceId(Integer workspaceId) { this.workspaceId = workspaceId; }
    public String getPlanSelected() { return planSelected; }
    public void setPlanSelected(String planSelected) { this.planSelected = planSelected; }
    public String getManagedUsers() { return managedUsers; }
    public void setManagedUsers(String managedUsers) { this.managedUsers = managedUsers; }
    public String getManagedDevices() { return managedDevices; }
    public void setManagedDevices(String managedDevices) { this.managedDevices = managedDevices; }
    public String getManagedNetwork() { return managedNetwork; }
    public void setManagedNetwork(String managedNetwork) { this.managedNetwork = managedNetwork; }
    public String getContractTerm() { return contractTerm; }
    public void setContractTerm(String contractTerm) { this.contractTerm = contractTerm; }
    public LocalDate getContractStartDate() { return contractStartDate; }
    public void setContractStartDate(LocalDate contractStartDate) { this.contractStartDate = contractStartDate; }
    public LocalDate getContractEndDate() { return contractEndDate; }
    public void setContractEndDate(LocalDate contractEndDate) { this.contractEndDate = contractEndDate; }
    public String getProfitOrNonProfit() { return profitOrNonProfit; }
    public void setProfitOrNonProfit(String profitOrNonProfit) { this.profitOrNonProfit = profitOrNonProfit; }
    public String getCompanyMainNumber() { return companyMainNumber; }
    public void setCompanyMainNumber(String companyMainNumber) { this.companyMainNumber = companyMainNumber; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public LocalDate getCompanyStartDate() { return companyStartDate; }
    public void setCompanyStartDate(LocalDate companyStartDate) { this.companyStartDate = companyStartDate; }
    public String getBillingPlan() { return billingPlan; }
    public void setBillingPlan(String billingPlan) { this.billingPlan = billingPlan; }
    public String getContractTermLength() { return contractTermLength; }
    public void setContractTermLength(String contractTermLength) { this.contractTermLength = contractTermLength; }
    public String getSupportLevel() { return supportLevel; }
    public void setSupportLevel(String supportLevel) { this.supportLevel = supportLevel; }
    public String getPhoneSystem() { return phoneSystem; }
    public void setPhoneSystem(String phoneSystem) { this.phoneSystem = phoneSystem; }
    public String getEmailSystem() { return emailSystem; }
    public void setEmailSystem(String emailSystem) { this.emailSystem = emailSystem; }
    public String getDattoPortalUrl() { return dattoPortalUrl; }
    public void setDattoPortalUrl(String dattoPortalUrl) { this.dattoPortalUrl = dattoPortalUrl; }
}
