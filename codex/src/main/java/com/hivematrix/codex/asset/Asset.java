package com.hivematrix.codex.asset;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.DynamicInsert;

/** A managed device (from the RMM). */
@Entity
@DynamicInsert
@Table(name = "assets")
public class Asset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String hostname;
    private String companyAccountNumber;
    private String rmmProvider;
    private String rmmDeviceUid;
    private String hardwareType;
    private String operatingSystem;
    private String lastLoggedInUser;
    private String rmmSiteName;
    private String antivirusProduct;
    private String description;
    private String extIpAddress;
    private String intIpAddress;
    private String domain;
    private Instant lastAuditDate;
    private Instant lastReboot;
    private Instant lastSeen;
    private Boolean online;
    private String patchStatus;
    private BigDecimal backupUsageTb;
    private String enabledAdministrators;
    private String deviceType;
    private String portalUrl;
    private String webRemoteUrl;
    private Instant createdAt;
    private Instant updatedAt;
    private String udf1;
    private String udf2;
    private String udf3;
    private String udf4;
    private String udf5;
    private String udf6;
    private String udf7;
    private String udf8;
    private String udf9;
    private String udf10;
    private String udf11;
    private String udf12;
    private String udf13;
    private String udf14;
    private String udf15;
    private String udf16;
    private String udf17;
    private String udf18;
    private String udf19;
    private String udf20;
    private String udf21;
    private String udf22;
    private String udf23;
    private String udf24;
    private String udf25;
    private String udf26;
    private String udf27;
    private String udf28;
    private String udf29;
    private String udf30;
    @ElementCollection
    @CollectionTable(name = "asset_contact_link", joinColumns = @JoinColumn(name = "asset_id"))
    @Column(name = "contact_id")
    private Set<Long> contactIds = new HashSet<>();

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public String getCompanyAccountNumber() { return companyAccountNumber; }
    public void setCompanyAccountNumber(String companyAccountNumber) { this.companyAccountNumber = companyAccountNumber; }
    public String getRmmProvider() { return rmmProvider; }
    public void setRmmProvider(String rmmProvider) { this.rmmProvider = rmmProvider; }
    public String getRmmDeviceUid() { return rmmDeviceUid; }
    public void setRmmDeviceUid(String rmmDeviceUid) { this.rmmDeviceUid = rmmDeviceUid; }
    public String getHardwareType() { return hardwareType; }
    public void setHardwareType(String hardwareType) { this.hardwareType = hardwareType; }
    public String getOperatingSystem() { return operatingSystem; }
    public void setOperatingSystem(String operatingSystem) { this.operatingSystem = operatingSystem; }
    public String getLastLoggedInUser() { return lastLoggedInUser; }
    public void setLastLoggedInUser(String lastLoggedInUser) { this.lastLoggedInUser = lastLoggedInUser; }
    public String getRmmSiteName() { return rmmSiteName; }
    public void setRmmSiteName(String rmmSiteName) { this.rmmSiteName = rmmSiteName; }
    public String getAntivirusProduct() { return antivirusProduct; }
    public void setAntivirusProduct(String antivirusProduct) { this.antivirusProduct = antivirusProduct; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getExtIpAddress() { return extIpAddress; }
    public void setExtIpAddress(String extIpAddress) { this.extIpAddress = extIpAddress; }
    public String getIntIpAddress() { return intIpAddress; }
    public void setIntIpAddress(String intIpAddress) { this.intIpAddress = intIpAddress; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public Instant getLastAuditDate() { return lastAuditDate; }
    public void setLastAuditDate(Instant lastAuditDate) { this.lastAuditDate = lastAuditDate; }
    public Instant getLastReboot() { return lastReboot; }
    public void setLastReboot(Instant lastReboot) { this.lastReboot = lastReboot; }
    public Instant getLastSeen() { return lastSeen; }
    public void setLastSeen(Instant lastSeen) { this.lastSeen = lastSeen; }
    public Boolean getOnline() { return online; }
    public void setOnline(Boolean online) { this.online = online; }
    public String getPatchStatus() { return patchStatus; }
    public void setPatchStatus(String patchStatus) { this.patchStatus = patchStatus; }
    public BigDecimal getBackupUsageTb() { return backupUsageTb; }
    public void setBackupUsageTb(BigDecimal backupUsageTb) { this.backupUsageTb = backupUsageTb; }
    public String getEnabledAdministrators() { return enabledAdministrators; }
    public void setEnabledAdministrators(String enabledAdministrators) { this.enabledAdministrators = enabledAdministrators; }
    public String getDeviceType() { return deviceType; }
    public void setDeviceType(String deviceType) { this.deviceType = deviceType; }
    public String getPortalUrl() { return portalUrl; }
    public void setPortalUrl(String portalUrl) { this.portalUrl = portalUrl; }
    public String getWebRemoteUrl() { return webRemoteUrl; }
    public void setWebRemoteUrl(String webRemoteUrl) { this.webRemoteUrl = webRemoteUrl; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public String getUdf1() { return udf1; }
    public void setUdf1(String udf1) { this.udf1 = udf1; }
    public String getUdf2() { return udf2; }
    public void setUdf2(String udf2) { this.udf2 = udf2; }
    public String getUdf3() { return udf3; }
    public void setUdf3(String udf3) { this.udf3 = udf3; }
    public String getUdf4() { return udf4; }
    public void setUdf4(String udf4) { this.udf4 = udf4; }
    public String getUdf5() { return udf5; }
    public void setUdf5(String udf5) { this.udf5 = udf5; }
    public String getUdf6() { return udf6; }
    public void setUdf6(String udf6) { this.udf6 = udf6; }
    public String getUdf7() { return udf7; }
    public void setUdf7(String udf7) { this.udf7 = udf7; }
    public String getUdf8() { return udf8; }
    public void setUdf8(String udf8) { this.udf8 = udf8; }
    public String getUdf9() { return udf9; }
    public void setUdf9(String udf9) { this.udf9 = udf9; }
    public String getUdf10() { return udf10; }
    public void setUdf10(String udf10) { this.udf10 = udf10; }
    public String getUdf11() { return udf11; }
    public void setUdf11(String udf11) { this.udf11 = udf11; }
    public String getUdf12() { return udf12; }
    public void setUdf12(String udf12) { this.udf12 = udf12; }
    public String getUdf13() { return udf13; }
    public void setUdf13(String udf13) { this.udf13 = udf13; }
    public String getUdf14() { return udf14; }
    public void setUdf14(String udf14) { this.udf14 = udf14; }
    public String getUdf15() { return udf15; }
    public void setUdf15(String udf15) { this.udf15 = udf15; }
    public String getUdf16() { return udf16; }
    public void setUdf16(String udf16) { this.udf16 = udf16; }
    public String getUdf17() { return udf17; }
    public void setUdf17(String udf17) { this.udf17 = udf17; }
    public String getUdf18() { return udf18; }
    public void setUdf18(String udf18) { this.udf18 = udf18; }
    public String getUdf19() { return udf19; }
    public void setUdf19(String udf19) { this.udf19 = udf19; }
    public String getUdf20() { return udf20; }
    public void setUdf20(String udf20) { this.udf20 = udf20; }
    public String getUdf21() { return udf21; }
    public void setUdf21(String udf21) { this.udf21 = udf21; }
    public String getUdf22() { return udf22; }
    public void setUdf22(String udf22) { this.udf22 = udf22; }
    public String getUdf23() { return udf23; }
    public void setUdf23(String udf23) { this.udf23 = udf23; }
    public String getUdf24() { return udf24; }
    public void setUdf24(String udf24) { this.udf24 = udf24; }
    public String getUdf25() { return udf25; }
    public void setUdf25(String udf25) { this.udf25 = udf25; }
    public String getUdf26() { return udf26; }
    public void setUdf26(String udf26) { this.udf26 = udf26; }
    public String getUdf27() { return udf27; }
    public void setUdf27(String udf27) { this.udf27 = udf27; }
    public String getUdf28() { return udf28; }
    public void setUdf28(String udf28) { this.udf28 = udf28; }
    public String getUdf29() { return udf29; }
    public void setUdf29(String udf29) { this.udf29 = udf29; }
    public String getUdf30() { return udf30; }
    public void setUdf30(String udf30) { this.udf30 = udf30; }
    public Set<Long> getContactIds() { return contactIds; }
    public void setContactIds(Set<Long> contactIds) { this.contactIds = contactIds; }
}
