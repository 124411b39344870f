package com.hivematrix.core.keys;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The public key set (RFC 7517) and key rotation. */
@RestController
@Tag(name = "Keys", description = "JWKS and signing key rotation")
public class KeyController {

    private final SigningKeys keys;

    public KeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Public keys of every published signing key")
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys.jwks());
    }

    @Operation(summary = "Add a new signing key (admin); the previous key stays published until its tokens expire")
    @PostMapping(path = "/api/keys/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    public Map<String, Object> rotate() {
        SigningKey active = keys.rotate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kid", active.kid());
        body.put("published", keys.published().stream().map(SigningKey::kid).toList());
        return body;
    }
}
