package com.hivematrix.core.session;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The user snapshot taken at login: what validate returns as {@code user}. */
public record UserData(
        String sub,
        String name,
        String email,
        @JsonProperty("preferred_username") String preferredUsername,
        @JsonProperty("permission_level") String permissionLevel,
        List<String> groups) {
}
