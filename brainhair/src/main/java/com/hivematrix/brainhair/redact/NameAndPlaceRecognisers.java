package com.hivematrix.brainhair.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People and places: first what the platform knows (the company's Codex contacts and locations),
 * then the shipped dictionaries (a given name followed by a capitalised surname; US states and
 * cities) and a street-address pattern.
 */
final class NameAndPlaceRecognisers {

    private static final Pattern CAPITALISED_PAIR = Pattern.compile("\\b([A-Z][a-z]+)\\s+((?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\\b");
    private static final Pattern STREET = Pattern.compile("\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][a-z]+\\s+){1,3}"
            + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Terrace)\\b\\.?"
            + "(?:,?\\s+(?:Suite|Ste|Apt|Unit)\\.?\\s+\\w+)?");
    private static final List<Pattern> PLACE_PATTERNS = Dictionaries.PLACES.stream()
            .map(p -> Pattern.compile("\\b" + Pattern.quote(p) + "\\b")).toList();

    private NameAndPlaceRecognisers() {
    }

    static List<Finding> find(String text, KnownEntities known) {
        List<Finding> out = new ArrayList<>();
        for (String name : known.personNames()) {
            literal(text, name, EntityType.PERSON, out);
        }
        for (String place : known.locations()) {
            literal(text, place, EntityType.LOCATION, out);
        }
        Matcher m = CAPITALISED_PAIR.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (Dictionaries.FIRST_NAMES.contains(m.group(1)) && !Dictionaries.NOT_SURNAMES.contains(m.group(2))) {
                out.add(new Finding(m.start(), m.end(), EntityType.PERSON));
                from = m.end();
            } else {
                // "Patient James Walsh": the second word may start the name
                from = m.start(2);
            }
        }
        Matcher s = STREET.matcher(text);
        while (s.find()) {
            out.add(new Finding(s.start(), s.end(), EntityType.LOCATION));
        }
        for (Pattern p : PLACE_PATTERNS) {
            Matcher pm = p.matcher(text);
            while (pm.find()) {
                out.add(new Finding(pm.start(), pm.end(), EntityType.LOCATION));
            }
        }
        return out;
    }

    private static void literal(String text, String value, EntityType type, List<Finding> out) {
        Matcher m = Pattern.compile("(?<![\\w@.])" + Pattern.quote(value) + "(?![\\w@])", Pattern.CASE_INSENSITIVE).matcher(text);
        while (m.find()) {
            out.add(new Finding(m.start(), m.end(), type));
        }
    }
}
