package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

/**
 * The operator CLI's credential: the local control secret var/secrets/helm-control.secret (0600,
 * created by deploy/hivematrix), sent as {@value #HEADER}. It works while Core and Keycloak are
 * down - which is exactly when `up`, `down` and `status` are needed - and only for someone who can
 * read the installation's secrets directory. Read per request, so replacing the file takes effect
 * without restarting Helm.
 */
@Component
public class ControlAccess {

    public static final String HEADER = "X-HiveMatrix-Control";

    private final Path secretFile;

    public ControlAccess(HivematrixProperties props) {
        this.secretFile = props.getHome().resolve("var/secrets/helm-control.secret");
    }

    public void check(String presented) {
        byte[] expected;
        try {
            expected = Files.readString(secretFile).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "no control secret on this installation");
        }
        if (expected.length == 0) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "the control secret is empty");
        }
        if (presented == null || presented.isBlank()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, HEADER + " header missing").with("field", HEADER);
        }
        if (!MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.forbidden("wrong control secret").with("field", HEADER);
        }
    }
}
