package com.hivematrix.ledger.engine;

import java.util.List;

/** The billing-type vocabularies of assets and users (spec §A4). */
public final class AssetTypes {

    public static final String WORKSTATION = "Workstation";
    public static final String SERVER = "Server";
    public static final String VM = "VM";
    public static final String SWITCH = "Switch";
    public static final String FIREWALL = "Firewall";
    public static final String CUSTOM = "Custom";
    public static final String NO_CHARGE = "No Charge";

    public static final List<String> ASSET = List.of(WORKSTATION, SERVER, VM, SWITCH, FIREWALL, CUSTOM, NO_CHARGE);

    public static final String PAID = "Paid";
    public static final String FREE = "Free/No Charge";
    /** Users: the original's UI also stored plain "No Charge"; both are accepted and cost 0. */
    public static final List<String> USER = List.of(PAID, FREE, NO_CHARGE, CUSTOM);

    private AssetTypes() {
    }

    /** The canonical spelling of an asset type (case-insensitive), or null when unknown. */
    public static String canonicalAsset(String raw) {
        return canonical(raw, ASSET);
    }

    public static String canonicalUser(String raw) {
        return canonical(raw, USER);
    }

    private static String canonical(String raw, List<String> vocabulary) {
        if (raw == null) {
            return null;
        }
        String t = raw.trim();
        for (String v : vocabulary) {
            if (v.equalsIgnoreCase(t)) {
                return v;
            }
        }
        return null;
    }
}
