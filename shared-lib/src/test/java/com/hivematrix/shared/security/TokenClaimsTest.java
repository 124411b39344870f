package com.hivematrix.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenClaimsTest {

    static Jwt user(String level, Object groups) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("u1")
                .claim("preferred_username", "tess").claim("permission_level", level);
        if (groups != null) {
            b.claim("groups", groups);
        }
        return b.build();
    }

    static List<String> roles(Jwt jwt) {
        return TokenClaims.authorities(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void technicianAlsoInBillingHoldsBothRolesAndKeepsTheirLevel() {
        Jwt jwt = user("technician", List.of("technicians", "billing"));
        assertThat(roles(jwt)).containsExactly("ROLE_TECHNICIAN", "ROLE_BILLING");
        assertThat(TokenClaims.permissionLevel(jwt)).isEqualTo(PermissionLevel.TECHNICIAN);
    }

    @Test
    void fullGroupPathsCountLikeNames() {
        assertThat(roles(user("technician", List.of("/technicians", "/billing")))).containsExactly("ROLE_TECHNICIAN", "ROLE_BILLING");
    }

    @Test
    void plainTechnicianHoldsOnlyTheirOwnRole() {
        assertThat(roles(user("technician", List.of("technicians")))).containsExactly("ROLE_TECHNICIAN");
        assertThat(roles(user("technician", null))).containsExactly("ROLE_TECHNICIAN");
        assertThat(roles(user("technician", "billing"))).as("a groups claim that is not a list grants nothing")
                .containsExactly("ROLE_TECHNICIAN");
    }

    @Test
    void aGroupAboveTheStatedLevelGrantsNothing() {
        assertThat(roles(user("technician", List.of("technicians", "admins")))).containsExactly("ROLE_TECHNICIAN");
        assertThat(roles(user("billing", List.of("billing", "technicians")))).containsExactly("ROLE_BILLING");
    }

    @Test
    void theClientGroupAndUnknownGroupsAddNoRole() {
        assertThat(roles(user("technician", List.of("technicians", "client", "staff")))).containsExactly("ROLE_TECHNICIAN");
        assertThat(roles(user("client", List.of("client")))).containsExactly("ROLE_CLIENT");
    }

    @Test
    void adminInOtherGroupsHoldsTheirRolesToo() {
        assertThat(roles(user("admin", List.of("admins", "billing")))).containsExactly("ROLE_ADMIN", "ROLE_BILLING");
    }

    @Test
    void serviceTokensHoldOnlyTheServiceRoleWhateverTheirGroups() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("service:brainhair")
                .claims(c -> c.putAll(Map.of("type", "service", "calling_service", "brainhair", "groups", List.of("billing"))))
                .build();
        assertThat(roles(jwt)).containsExactly(TokenClaims.SERVICE_ROLE);
    }

    @Test
    void heldLevelsForMapBasedCallers() {
        assertThat(PermissionLevel.held(PermissionLevel.TECHNICIAN, List.of("technicians", "/billing")))
                .containsExactlyInAnyOrder(PermissionLevel.TECHNICIAN, PermissionLevel.BILLING);
        assertThat(PermissionLevel.held(PermissionLevel.CLIENT, null)).containsExactly(PermissionLevel.CLIENT);
    }
}
