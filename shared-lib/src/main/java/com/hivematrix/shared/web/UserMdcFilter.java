package com.hivematrix.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/** Runs after authentication and adds the caller's id and name to the log MDC. */
public class UserMdcFilter extends OncePerRequestFilter {

    public static final String USER_ID = "user_id";
    public static final String USERNAME = "username";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt) {
            MDC.put(USER_ID, jwt.getSubject());
            String name = jwt.getClaimAsString("preferred_username");
            MDC.put(USERNAME, name != null ? name : jwt.getClaimAsString("calling_service"));
        }
        chain.doFilter(request, response);
    }
}
