package com.hivematrix.knowledgetree.node;

import java.nio.charset.StandardCharsets;

import com.hivematrix.shared.problem.ProblemException;

/** Node names are path segments: rules for them and the original's URL encoding of paths. */
public final class Names {

    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    /** A valid name, trimmed; 400 naming the field otherwise. A '/' would break name paths (B10). */
    public static String require(Object raw) {
        if (!(raw instanceof String s) || s.isBlank()) {
            throw ProblemException.badRequest("name is required").with("field", "name").with("error", "parent_id and name are required");
        }
        String name = s.strip();
        if (name.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("name must be at most " + MAX_LENGTH + " characters").with("field", "name");
        }
        if (name.contains("/")) {
            throw ProblemException.badRequest("name must not contain '/'").with("field", "name");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("name must not contain control characters").with("field", "name");
        }
        return name;
    }

    /** Python's urllib.parse.quote (safe '/'): what the original put in url_path and browse links. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
