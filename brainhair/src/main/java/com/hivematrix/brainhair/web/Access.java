package com.hivematrix.brainhair.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.shared.security.TokenClaims;

/**
 * Who may use Brainhair: users holding a level in {@code brainhair.chat-levels} (technician and
 * admin by default), through their permission level or another of their groups. Service tokens never chat. Used as {@code @PreAuthorize(Access.CHAT)}.
 */
@Component("access")
public class Access {

    public static final String CHAT = "@access.chat(authentication)";
    public static final String ADMIN = "hasRole('ADMIN')";

    private final BrainhairProperties props;

    public Access(BrainhairProperties props) {
        this.props = props;
    }

    public boolean chat(Authentication auth) {
        return auth instanceof JwtAuthenticationToken jwt && !TokenClaims.isServiceToken(jwt.getToken())
                && Caller.of(auth).holdsAnyOf(props.chatLevels());
    }

    public boolean chat(Caller caller) {
        return caller.holdsAnyOf(props.chatLevels());
    }

    /** Billing writes: billing or admin (by default), which a technician also in the billing group holds. */
    public boolean mayApproveBilling(Caller caller) {
        return caller.holdsAnyOf(props.billingWriteLevels());
    }
}
