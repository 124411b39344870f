package com.hivematrix.brainhair.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NRP (Presidio's nationality, religious or political group; HIPAA only): the shipped gazetteer,
 * case-sensitive because these are proper adjectives and nouns ("Catholic" is NRP, "catholic taste"
 * is not; "THAI-WS1" is a hostname), longest term first so "Roman Catholic" wins over "Catholic".
 */
final class NrpRecogniser {

    private static final Pattern TERMS = Pattern.compile("(?<![\\w@.-])(?:" + Dictionaries.NRP.stream()
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")s?(?![\\w@])");

    private NrpRecogniser() {
    }

    static List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = TERMS.matcher(text);
        while (m.find()) {
            out.add(new Finding(m.start(), m.end(), EntityType.NRP));
        }
        return out;
    }
}
