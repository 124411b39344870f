package com.hivematrix.brainhair.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.shared.security.TokenClaims;

/**
 * Who may use Brainhair: users whose level is in {@code brainhair.chat-levels} (technician and
 * admin by default). Service tokens never chat. Used as {@code @PreAuthorize(Access.CHAT)}.
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
                && props.chatLevels().contains(TokenClaims.permissionLevel(jwt.getToken()).claimValue());
    }

    public boolean chat(Caller caller) {
        return props.chatLevels().contains(caller.levelName());
    }

    public boolean mayApproveBilling(Caller caller) {
        return props.billingWriteLevels().contains(caller.levelName());
    }
}
