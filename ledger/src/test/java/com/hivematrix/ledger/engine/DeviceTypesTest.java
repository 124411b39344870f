package com.hivematrix.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corrected rules map Codex's device types, as the RMM sync stores them, to billing types. */
class DeviceTypesTest {

    @Test
    void codexNormalisedVirtualMachinesBillAsVms() {
        assertThat(BillingRules.CORRECTED.typeOfDevice("virtual_machine")).isEqualTo(AssetTypes.VM);
        assertThat(BillingRules.CORRECTED.typeOfDevice("Virtual Machine")).isEqualTo(AssetTypes.VM);
        assertThat(BillingRules.CORRECTED.typeOfDevice("server")).isEqualTo(AssetTypes.SERVER);
        assertThat(BillingRules.CORRECTED.typeOfDevice("something else")).isEqualTo(AssetTypes.WORKSTATION);
    }
}
