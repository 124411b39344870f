package com.hivematrix.ledger.engine;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * The choices where the rebuild departs from the original engine (spec §A6/§A12, issue 7), as
 * configuration. {@link #CORRECTED} is the default; {@link #ORIGINAL} reproduces the Flask engine
 * (its worked example totals 2,707.50) and exists to prove the two rule sets apart.
 *
 * @param mapDeviceTypes         a Codex asset without an override is typed from its device_type via
 *                               {@code deviceTypeMapping}; false = always {@code defaultAssetType} (original)
 * @param deviceTypeMapping      lower-case Codex device_type → billing type
 * @param defaultAssetType       type of an asset whose device_type is missing or unmapped
 * @param backupFromEffectiveType backup base fees/included TB count assets by their effective type
 *                               (override or mapped); false = by a field Codex never sends, i.e. never (original)
 * @param zeroIncludedTbAllowed  0 TB included per device stays 0; false = 0 becomes 1 (original)
 * @param billInactiveContacts   inactive Codex contacts are billed (original) or left out
 * @param customUsersCountAsFree Custom users counted in free_users (original) or in custom_users
 * @param prepaidYear            where yearly prepaid hours reset
 * @param zonelessZone           zone assumed for a ticket timestamp without one (reported as a warning)
 * @param halfOpenPeriod         period = [first instant, first instant of next month); false = up to
 *                               23:59:59 inclusive, so 23:59:59.5 falls outside (original)
 * @param sharedContactsInEachCompany a contact linked to several companies is billed in each (original);
 *                               false = only in its home company (the account number that sorts first), listed elsewhere at 0
 */
public record BillingRules(boolean mapDeviceTypes, Map<String, String> deviceTypeMapping, String defaultAssetType,
        boolean backupFromEffectiveType, boolean zeroIncludedTbAllowed, boolean billInactiveContacts,
        boolean customUsersCountAsFree, PrepaidYear prepaidYear, ZoneId zonelessZone, boolean halfOpenPeriod,
        boolean sharedContactsInEachCompany) {

    /** Where "yearly" prepaid hours start counting. */
    public enum PrepaidYear {
        /** Original: every supplied ticket updated before the period, whatever its year. */
        ALL_PRIOR_TICKETS,
        /** Hours since 1 January of the billed year. */
        CALENDAR_YEAR,
        /** Hours since the last anniversary of the contract start (calendar year when no start date). */
        CONTRACT_ANNIVERSARY
    }

    public static final Map<String, String> DEFAULT_DEVICE_TYPES = Map.ofEntries(
            Map.entry("workstation", AssetTypes.WORKSTATION), Map.entry("desktop", AssetTypes.WORKSTATION),
            Map.entry("laptop", AssetTypes.WORKSTATION), Map.entry("server", AssetTypes.SERVER),
            Map.entry("vm", AssetTypes.VM), Map.entry("virtual machine", AssetTypes.VM), Map.entry("virtual server", AssetTypes.VM),
            // Codex stores RMM device types normalised (codex.rmm.RmmNormalizer): "virtual_machine"
            Map.entry("virtual_machine", AssetTypes.VM),
            Map.entry("switch", AssetTypes.SWITCH), Map.entry("network switch", AssetTypes.SWITCH),
            Map.entry("firewall", AssetTypes.FIREWALL));

    public static final BillingRules ORIGINAL = new BillingRules(false, Map.of(), AssetTypes.WORKSTATION, false, false, true, true,
            PrepaidYear.ALL_PRIOR_TICKETS, ZoneOffset.UTC, false, true);

    public static final BillingRules CORRECTED = new BillingRules(true, DEFAULT_DEVICE_TYPES, AssetTypes.WORKSTATION, true, true, false,
            false, PrepaidYear.CALENDAR_YEAR, ZoneOffset.UTC, true, false);

    /** The billing type of a Codex asset that has no override. */
    public String typeOfDevice(String deviceType) {
        if (!mapDeviceTypes || deviceType == null || deviceType.isBlank()) {
            return defaultAssetType;
        }
        return deviceTypeMapping.getOrDefault(deviceType.trim().toLowerCase(Locale.ROOT), defaultAssetType);
    }

    public BillingRules withPrepaidYear(PrepaidYear p) {
        return new BillingRules(mapDeviceTypes, deviceTypeMapping, defaultAssetType, backupFromEffectiveType, zeroIncludedTbAllowed,
                billInactiveContacts, customUsersCountAsFree, p, zonelessZone, halfOpenPeriod, sharedContactsInEachCompany);
    }

    public BillingRules withBillInactiveContacts(boolean b) {
        return new BillingRules(mapDeviceTypes, deviceTypeMapping, defaultAssetType, backupFromEffectiveType, zeroIncludedTbAllowed,
                b, customUsersCountAsFree, prepaidYear, zonelessZone, halfOpenPeriod, sharedContactsInEachCompany);
    }

    public BillingRules withSharedContactsInEachCompany(boolean b) {
        return new BillingRules(mapDeviceTypes, deviceTypeMapping, defaultAssetType, backupFromEffectiveType, zeroIncludedTbAllowed,
                billInactiveContacts, customUsersCountAsFree, prepaidYear, zonelessZone, halfOpenPeriod, b);
    }
}
