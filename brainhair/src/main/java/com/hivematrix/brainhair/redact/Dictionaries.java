package com.hivematrix.brainhair.redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The name and place dictionaries shipped in this module's jar (resources/redact). */
final class Dictionaries {

    static final Set<String> FIRST_NAMES = Set.copyOf(words("first-names.txt", "\\s+"));
    /** Longest first so "Kansas City" is found before "Kansas". */
    static final List<String> PLACES = words("places.txt", "\\n").stream().sorted((a, b) -> b.length() - a.length()).toList();
    /** Nationalities, religious and political groups, longest first like the places. */
    static final List<String> NRP = words("nrp.txt", "\\n").stream().sorted((a, b) -> b.length() - a.length()).toList();

    /** Capitalised words that follow a first name without being a surname ("Mark Complete", "Will Restart"). */
    static final Set<String> NOT_SURNAMES = Set.of("Server", "Servers", "Printer", "Office", "Street", "Avenue", "Road", "Inc", "LLC",
            "Ltd", "Corp", "Company", "Team", "Group", "Support", "Desk", "Helpdesk", "Ticket", "Account", "Plan", "Premium", "Basic",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
            "May", "June", "July", "August", "September", "October", "November", "December", "The", "And", "Or", "Is", "Was",
            "Complete", "Completed", "Restart", "Reboot", "Update", "Windows", "Linux", "Microsoft", "Outlook", "Teams", "Dental",
            "Clinic", "Hospital", "Medical", "Law", "Books", "County", "City", "State", "University", "School", "Beach");

    private Dictionaries() {
    }

    private static List<String> words(String file, String separator) {
        try (InputStream in = Dictionaries.class.getResourceAsStream("/redact/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing dictionary /redact/" + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\\n")).filter(l -> !l.startsWith("#"))
                    .flatMap(l -> Arrays.stream(l.split(separator))).map(String::trim).filter(w -> !w.isEmpty())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
