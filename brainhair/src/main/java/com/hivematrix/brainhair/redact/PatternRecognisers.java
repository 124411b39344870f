package com.hivematrix.brainhair.redact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern-and-checksum recognisers. Formats that also look like ids (passport, driver licence,
 * medical licence) need a context word shortly before them, as Presidio's context boost does, so
 * asset tags and account numbers are left alone.
 */
final class PatternRecognisers {

    private record Rule(EntityType type, Pattern pattern, Predicate<String> valid, Pattern context) {
    }

    private static final Pattern PASSPORT_CONTEXT = Pattern.compile("(?i)passport");
    private static final Pattern DL_CONTEXT = Pattern.compile("(?i)driver'?s?\\s*licen[cs]e|\\bDL\\b|\\blicen[cs]e\\s*(no|number|#)");
    private static final Pattern MEDICAL_CONTEXT = Pattern.compile("(?i)\\bDEA\\b|medical\\s*licen[cs]e|prescriber|\\bNPI\\b");
    private static final int CONTEXT_WINDOW = 40;

    private static final List<Rule> RULES = List.of(
            new Rule(EntityType.EMAIL_ADDRESS, Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"), s -> true, null),
            new Rule(EntityType.US_SSN, Pattern.compile("\\b(\\d{3})[- ](\\d{2})[- ](\\d{4})\\b"), PatternRecognisers::validSsn, null),
            new Rule(EntityType.CREDIT_CARD, Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"), PatternRecognisers::luhn, null),
            new Rule(EntityType.IBAN_CODE, Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
                    PatternRecognisers::ibanChecksum, null),
            new Rule(EntityType.IP_ADDRESS, Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b"
                    + "|\\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\\b|\\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4})?\\b"), s -> true, null),
            new Rule(EntityType.PHONE_NUMBER, Pattern.compile(
                    "(?<![\\w-])(?:\\+?1[ .-]?)?\\(?[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]\\d{4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\w-])"
                    + "|(?<![\\w-])\\+(?:[2-9]\\d{0,2})[ .-]?\\d{2,4}[ .-]?\\d{3,4}[ .-]?\\d{3,4}(?![\\w-])"), s -> true, null),
            new Rule(EntityType.US_PASSPORT, Pattern.compile("\\b[A-Z]?\\d{8,9}\\b"), s -> true, PASSPORT_CONTEXT),
            new Rule(EntityType.US_DRIVER_LICENSE, Pattern.compile("\\b(?:[A-Z]\\d{7,13}|[A-Z]{2}\\d{6}[A-Z]?|\\d{7,9}|[A-Z]\\d{3}-\\d{4}-\\d{4})\\b"),
                    s -> true, DL_CONTEXT),
            new Rule(EntityType.MEDICAL_LICENSE, Pattern.compile("\\b[A-Z][A-Z9]\\d{7}\\b"), PatternRecognisers::deaChecksum, MEDICAL_CONTEXT));

    private PatternRecognisers() {
    }

    static List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(text);
            while (m.find()) {
                if (!rule.valid.test(m.group())) {
                    continue;
                }
                if (rule.context != null && !rule.context.matcher(text.substring(Math.max(0, m.start() - CONTEXT_WINDOW), m.start())).find()) {
                    continue;
                }
                out.add(new Finding(m.start(), m.end(), rule.type));
            }
        }
        return out;
    }

    static boolean validSsn(String s) {
        String digits = s.replaceAll("\\D", "");
        String area = digits.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !digits.substring(3, 5).equals("00")
                && !digits.substring(5).equals("0000");
    }

    static boolean luhn(String s) {
        String digits = s.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    static boolean ibanChecksum(String s) {
        String iban = s.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** DEA registration numbers: (d1 + d3 + d5) + 2 x (d2 + d4 + d6), last digit = check digit. */
    static boolean deaChecksum(String s) {
        String d = s.substring(2);
        int sum = (d.charAt(0) - '0') + (d.charAt(2) - '0') + (d.charAt(4) - '0')
                + 2 * ((d.charAt(1) - '0') + (d.charAt(3) - '0') + (d.charAt(5) - '0'));
        return sum % 10 == d.charAt(6) - '0';
    }
}
