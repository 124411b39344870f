package com.hivematrix.nexus.compose;

import java.util.List;

/** A user's look: {@code light|dark} and one of the nine colour themes. */
public record Theme(String mode, String color) {

    public static final List<String> MODES = List.of("light", "dark");
    public static final List<String> COLORS = List.of("purple", "blue", "green", "orange", "gold", "red", "yellow", "matrix", "bee");
    public static final Theme DEFAULT = new Theme("light", "purple");

    /** Unknown or missing values fall back to the defaults one by one. */
    public static Theme of(String mode, String color) {
        return new Theme(mode != null && MODES.contains(mode) ? mode : DEFAULT.mode(),
                color != null && COLORS.contains(color) ? color : DEFAULT.color());
    }

    /** Compact form for the session cache: "dark|green". */
    public String encode() {
        return mode + "|" + color;
    }

    public static Theme decode(String value) {
        if (value == null) {
            return DEFAULT;
        }
        String[] parts = value.split("\\|", 2);
        return of(parts[0], parts.length > 1 ? parts[1] : null);
    }
}
