package com.hivematrix.core.keys;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** One RSA key of the signing key set, with its (thread-safe) signer and verifier. */
public final class SigningKey {

    private final int index;
    private final String kid;
    private final Instant createdAt;
    private final RSAKey publicJwk;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    SigningKey(int index, String kid, Instant createdAt, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        this.index = index;
        this.kid = kid;
        this.createdAt = createdAt;
        this.publicJwk = new RSAKey.Builder(publicKey).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        this.signer = new RSASSASigner(privateKey);
        try {
            this.verifier = new RSASSAVerifier(publicKey);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build verifier for " + kid, e);
        }
    }

    public int index() { return index; }
    public String kid() { return kid; }
    public Instant createdAt() { return createdAt; }
    /** The public half as a JWK (kty, alg, kid, use, n, e). */
    public RSAKey publicJwk() { return publicJwk; }
    public JWSSigner signer() { return signer; }
    public JWSVerifier verifier() { return verifier; }

}
