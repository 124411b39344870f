package com.hivematrix.brainhair.tool;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

/** Reading a tool call's arguments; a missing or malformed one is a ToolException naming the field. */
public final class Args {

    private Args() {
    }

    public static String text(JsonNode args, String name) {
        String v = optText(args, name);
        if (v == null) {
            throw new ToolException("Argument '" + name + "' is required");
        }
        return v;
    }

    public static String optText(JsonNode args, String name) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asString().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > 10000) {
            throw new ToolException("Argument '" + name + "' is too long");
        }
        return s;
    }

    /** An account number or id used in a path: digits, letters, dash and underscore only. */
    public static String pathSafe(JsonNode args, String name) {
        String v = text(args, name);
        if (!v.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ToolException("Argument '" + name + "' must be letters, digits, '-' or '_'");
        }
        return v;
    }

    public static BigDecimal optMoney(JsonNode args, String name) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.asString().trim());
            if (d.signum() < 0) {
                throw new ToolException("Argument '" + name + "' must not be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ToolException("Argument '" + name + "' must be a number");
        }
    }

    public static Integer optInt(JsonNode args, String name) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Integer.parseInt(v.asString().trim());
        } catch (NumberFormatException e) {
            throw new ToolException("Argument '" + name + "' must be a whole number");
        }
    }

    public static boolean optBool(JsonNode args, String name, boolean dflt) {
        JsonNode v = args == null ? null : args.get(name);
        return v == null || v.isNull() ? dflt : v.asBoolean();
    }
}
