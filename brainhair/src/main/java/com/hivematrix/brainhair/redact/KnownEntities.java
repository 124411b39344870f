package com.hivematrix.brainhair.redact;

import java.util.Collection;
import java.util.List;

/**
 * What the platform knows about one company's people and places (its Codex contacts and
 * locations): names the dictionary would miss are still found.
 */
public record KnownEntities(List<String> personNames, List<String> locations) {

    public static final KnownEntities NONE = new KnownEntities(List.of(), List.of());

    public KnownEntities {
        personNames = clean(personNames);
        locations = clean(locations);
    }

    private static List<String> clean(Collection<String> values) {
        // longest first, so "Mary Ann Jones" wins over "Mary Ann"
        return values == null ? List.of() : values.stream().filter(v -> v != null && v.trim().length() >= 3).map(String::trim).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
    }
}
