package com.hivematrix.brainhair.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Finds the entities of a level in one string and replaces them; overlapping findings keep the longest. */
public final class TextRedactor {

    public record Result(String text, Set<EntityType> found) {
    }

    private TextRedactor() {
    }

    /** Every finding of the enabled types, non-overlapping, in text order. */
    public static List<Finding> analyze(String text, Set<EntityType> enabled, KnownEntities known) {
        if (text == null || text.isEmpty() || enabled.isEmpty()) {
            return List.of();
        }
        List<Finding> all = new ArrayList<>(PatternRecognisers.find(text));
        if (enabled.contains(EntityType.PERSON) || enabled.contains(EntityType.LOCATION)) {
            all.addAll(NameAndPlaceRecognisers.find(text, known));
        }
        if (enabled.contains(EntityType.NRP)) {
            all.addAll(NrpRecogniser.find(text));
        }
        all.removeIf(f -> !enabled.contains(f.type()));
        // longest first; a recognised email or card beats the name or number inside it
        all.sort(Comparator.comparingInt(Finding::length).reversed().thenComparingInt(Finding::start));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : all) {
            if (kept.stream().noneMatch(f::overlaps)) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    public static Result redact(String text, Set<EntityType> enabled, KnownEntities known) {
        List<Finding> findings = analyze(text, enabled, known);
        if (findings.isEmpty()) {
            return new Result(text, Set.of());
        }
        StringBuilder out = new StringBuilder();
        Set<EntityType> found = EnumSet.noneOf(EntityType.class);
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append(f.type().replace(text.substring(f.start(), f.end())));
            found.add(f.type());
            at = f.end();
        }
        return new Result(out.append(text.substring(at)).toString(), found);
    }
}
