package com.hivematrix.ledger.engine;

/** The eleven plan rates a company override can replace, each under its wire name. */
public enum Rate {
    PER_USER("per_user_cost"),
    PER_WORKSTATION("per_workstation_cost"),
    PER_SERVER("per_server_cost"),
    PER_VM("per_vm_cost"),
    PER_SWITCH("per_switch_cost"),
    PER_FIREWALL("per_firewall_cost"),
    PER_HOUR_TICKET("per_hour_ticket_cost"),
    BACKUP_BASE_WORKSTATION("backup_base_fee_workstation"),
    BACKUP_BASE_SERVER("backup_base_fee_server"),
    BACKUP_INCLUDED_TB("backup_included_tb"),
    BACKUP_PER_TB("backup_per_tb_fee");

    private final String key;

    Rate(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Rate fromKey(String key) {
        for (Rate r : values()) {
            if (r.key.equals(key)) {
                return r;
            }
        }
        return null;
    }

    /** The per-unit rate of an asset billing type, or null when the type has no plan rate. */
    public static Rate forAssetType(String type) {
        return switch (type) {
            case AssetTypes.WORKSTATION -> PER_WORKSTATION;
            case AssetTypes.SERVER -> PER_SERVER;
            case AssetTypes.VM -> PER_VM;
            case AssetTypes.SWITCH -> PER_SWITCH;
            case AssetTypes.FIREWALL -> PER_FIREWALL;
            default -> null;
        };
    }
}
