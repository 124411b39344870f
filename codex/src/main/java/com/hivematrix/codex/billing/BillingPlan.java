package com.hivematrix.codex.billing;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.hibernate.annotations.DynamicInsert;

/** One plan x contract term, with its 11 rates. */
@Entity
@DynamicInsert
@Table(name = "billing_plans")
public class BillingPlan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String planName;
    private String termLength;
    private String supportLevel;
    private BigDecimal perUserCost;
    private BigDecimal perWorkstationCost;
    private BigDecimal perServerCost;
    private BigDecimal perVmCost;
    private BigDecimal perSwitchCost;
    private BigDecimal perFirewallCost;
    private BigDecimal perHourTicketCost;
    private BigDecimal backupBaseFeeWorkstation;
    private BigDecimal backupBaseFeeServer;
    private BigDecimal backupIncludedTb;
    private BigDecimal backupPerTbFee;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getPlanName() { return planName; }
    public void setPlanName(String planName) { this.planName = planName; }
    public String getTermLength() { return termLength; }
    public void setTermLength(String termLength) { this.termLength = termLength; }
    public String getSupportLevel() { return supportLevel; }
    public void setSupportLevel(String supportLevel) { this.supportLevel = supportLevel; }
    public BigDecimal getPerUserCost() { return perUserCost; }
    public void setPerUserCost(BigDecimal perUserCost) { this.perUserCost = perUserCost; }
    public BigDecimal getPerWorkstationCost() { return perWorkstationCost; }
    public void setPerWorkstationCost(BigDecimal perWorkstationCost) { this.perWorkstationCost = perWorkstationCost; }
    public BigDecimal getPerServerCost() { return perServerCost; }
    public void setPerServerCost(BigDecimal perServerCost) { this.perServerCost = perServerCost; }
    public BigDecimal getPerVmCost() { return perVmCost; }
    public void setPerVmCost(BigDecimal perVmCost) { this.perVmCost = perVmCost; }
    public BigDecimal getPerSwitchCost() { return perSwitchCost; }
    public void setPerSwitchCost(BigDecimal perSwitchCost) { this.perSwitchCost = perSwitchCost; }
    public BigDecimal getPerFirewallCost() { return perFirewallCost; }
    public void setPerFirewallCost(BigDecimal perFirewallCost) { this.perFirewallCost = perFirewallCost; }
    public BigDecimal getPerHourTicketCost() { return perHourTicketCost; }
    public void setPerHourTicketCost(BigDecimal perHourTicketCost) { this.perHourTicketCost = perHourTicketCost; }
    public BigDecimal getBackupBaseFeeWorkstation() { return backupBaseFeeWorkstation; }
    public void setBackupBaseFeeWorkstation(BigDecimal backupBaseFeeWorkstation) { this.backupBaseFeeWorkstation = backupBaseFeeWorkstation; }
    public BigDecimal getBackupBaseFeeServer() { return backupBaseFeeServer; }
    public void setBackupBaseFeeServer(BigDecimal backupBaseFeeServer) { this.backupBaseFeeServer = backupBaseFeeServer; }
    public BigDecimal getBackupIncludedTb() { return backupIncludedTb; }
    public void setBackupIncludedTb(BigDecimal backupIncludedTb) { this.backupIncludedTb = backupIncludedTb; }
    public BigDecimal getBackupPerTbFee() { return backupPerTbFee; }
    public void setBackupPerTbFee(BigDecimal backupPerTbFee) { this.backupPerTbFee = backupPerTbFee; }
}
