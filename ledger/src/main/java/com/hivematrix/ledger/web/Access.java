package com.hivematrix.ledger.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.hivematrix.ledger.LedgerProperties;
import com.hivematrix.shared.security.TokenClaims;

/**
 * Who may read bills and change adjustments: billing and admin users, and services on the
 * explicit allow-list ({@code ledger.allowed-services}). Technicians and clients get 403.
 * Used as {@code @PreAuthorize("@access.billing(authentication)")}.
 */
@Component("access")
public class Access {

    public static final String BILLING = "@access.billing(authentication)";
    public static final String ADMIN = "@access.admin(authentication)";

    private final LedgerProperties props;

    public Access(LedgerProperties props) {
        this.props = props;
    }

    public boolean billing(Authentication auth) {
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            return false;
        }
        if (TokenClaims.isServiceToken(jwt.getToken())) {
            return props.allowedServices().contains(jwt.getToken().getClaimAsString("calling_service"));
        }
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN") || a.getAuthority().equals("ROLE_BILLING"));
    }

    /** Admin users (scheduler settings); services never. */
    public boolean admin(Authentication auth) {
        return auth instanceof JwtAuthenticationToken jwt && !TokenClaims.isServiceToken(jwt.getToken())
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }

    public static String actor(Authentication auth) {
        if (auth instanceof JwtAuthenticationToken jwt) {
            String email = jwt.getToken().getClaimAsString("email");
            return email != null && !email.isBlank() ? email : TokenClaims.principalName(jwt.getToken());
        }
        return "unknown";
    }
}
