package io.vigil.detection.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One compiled test on one field's text. Built from a rule file, refused with a reason when malformed. */
final class FieldTest {

    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9])");

    private FieldTest() {
    }

    /** Compiles {"equals": ...} or one of the other tests; throws IllegalArgumentException with the reason. */
    static Predicate<String> compile(JsonNode spec) {
        if (spec == null || !spec.isObject() || spec.size() != 1) {
            throw new IllegalArgumentException("a field test is an object with exactly one test, e.g. {\"equals\": \"Success\"}");
        }
        String test = spec.fieldNames().next();
        JsonNode argument = spec.get(test);
        return switch (test) {
            case "equals" -> equalsTest(text(argument, test));
            case "in" -> inTest(strings(argument, test));
            case "containsAny" -> containsTest(strings(argument, test));
            case "matchesAny" -> regexTest(strings(argument, test));
            case "basenameIn" -> basenameTest(strings(argument, test));
            case "containsPublicIpv4" -> flag(argument, test) ? FieldTest::containsPublicIpv4 : value -> !containsPublicIpv4(value);
            case "absentOrLocal" -> flag(argument, test) ? FieldTest::absentOrLocal : value -> !absentOrLocal(value);
            default -> throw new IllegalArgumentException("unknown field test '" + test
                    + "' (known: equals, in, containsAny, matchesAny, basenameIn, containsPublicIpv4, absentOrLocal)");
        };
    }

    private static Predicate<String> equalsTest(String expected) {
        return value -> value.equalsIgnoreCase(expected);
    }

    private static Predicate<String> inTest(List<String> options) {
        List<String> lower = options.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        return value -> lower.contains(value.toLowerCase(Locale.ROOT));
    }

    private static Predicate<String> containsTest(List<String> needles) {
        List<String> lower = needles.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        return value -> {
            String haystack = value.toLowerCase(Locale.ROOT);
            return lower.stream().anyMatch(haystack::contains);
        };
    }

    private static Predicate<String> regexTest(List<String> expressions) {
        List<Pattern> patterns = new ArrayList<>();
        List<List<String>> literals = new ArrayList<>();
        for (String expression : expressions) {
            try {
                patterns.add(Pattern.compile(expression, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression " + expression + ": " + e.getDescription());
            }
            literals.add(RequiredLiterals.of(expression));
        }
        return value -> {
            String lower = RequiredLiterals.asciiLower(value);
            for (int i = 0; i < patterns.size(); i++) {
                if (containsAll(lower, literals.get(i)) && patterns.get(i).matcher(value).find()) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean containsAll(String text, List<String> literals) {
        for (String literal : literals) {
            if (!text.contains(literal)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<String> basenameTest(List<String> names) {
        Predicate<String> in = inTest(names);
        return value -> {
            String trimmed = value.trim();
            int space = trimmed.indexOf(' ');
            String first = space < 0 ? trimmed : trimmed.substring(0, space);
            return in.test(first.substring(first.lastIndexOf('/') + 1));
        };
    }

    static boolean containsPublicIpv4(String value) {
        Matcher matcher = IPV4.matcher(value);
        while (matcher.find()) {
            int a = Integer.parseInt(matcher.group(1));
            int b = Integer.parseInt(matcher.group(2));
            if (a > 255 || b > 255 || Integer.parseInt(matcher.group(3)) > 255 || Integer.parseInt(matcher.group(4)) > 255) {
                continue;
            }
            boolean internal = a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127) || a >= 224;
            if (!internal) {
                return true;
            }
        }
        return false;
    }

    static boolean absentOrLocal(String value) {
        String v = value.trim();
        return v.isEmpty() || v.equals("?") || v.equals("-") || v.startsWith("127.") || v.equals("::1")
                || v.equals("0.0.0.0") || v.equalsIgnoreCase("localhost");
    }

    private static String text(JsonNode argument, String test) {
        if (argument == null || !argument.isTextual()) {
            throw new IllegalArgumentException("'" + test + "' takes a string");
        }
        return argument.asText();
    }

    private static boolean flag(JsonNode argument, String test) {
        if (argument == null || !argument.isBoolean()) {
            throw new IllegalArgumentException("'" + test + "' takes true or false");
        }
        return argument.asBoolean();
    }

    private static List<String> strings(JsonNode argument, String test) {
        if (argument == null || !argument.isArray() || argument.isEmpty()) {
            throw new IllegalArgumentException("'" + test + "' takes a non-empty array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : argument) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("'" + test + "' takes strings only, found " + item);
            }
            values.add(item.asText());
        }
        return values;
    }
}
