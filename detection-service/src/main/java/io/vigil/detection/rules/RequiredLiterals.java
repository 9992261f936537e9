package io.vigil.detection.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plain text a regular expression cannot match without: runs of literal characters outside every group, class
 * and alternative. A command line that lacks one of them cannot match, so the rule skips the expression without
 * running it; most command lines lack them, and running the expressions was most of detection's CPU time.
 * <p>
 * Conservative by construction: an expression with an alternative at the top, inline flags, quoting or an escape it
 * does not know yields nothing (and is always run); a character a quantifier makes optional is left out; only ASCII
 * letters, digits and punctuation are kept, lower-cased, because the catalog's expressions are case-insensitive the
 * way {@link java.util.regex.Pattern#CASE_INSENSITIVE} is: for ASCII only.
 */
final class RequiredLiterals {

    /** Escapes that stand for one position or one character of a class: they end a run and take no argument. */
    private static final Set<Character> CLASS_ESCAPES = Set.of('b', 'B', 's', 'S', 'd', 'D', 'w', 'W', 'A', 'z', 'Z', 'G',
            'R', 'h', 'H', 'v', 'V', 't', 'n', 'r', 'f', 'a');

    private RequiredLiterals() {
    }

    /** The required runs of at least two characters, lower-cased; empty when nothing is certain. */
    static List<String> of(String regex) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= regex.length()) {
                        return List.of();
                    }
                    char next = regex.charAt(i + 1);
                    if (Character.isLetterOrDigit(next)) {
                        if (!CLASS_ESCAPES.contains(next)) {
                            return List.of();
                        }
                        end(run, runs);
                    } else if (isKept(next)) {
                        run.append(Character.toLowerCase(next));
                    } else {
                        end(run, runs);
                    }
                    i += 2;
                    continue;
                }
                case '[' -> {
                    int close = classEnd(regex, i);
                    if (close < 0) {
                        return List.of();
                    }
                    end(run, runs);
                    i = close + 1;
                    continue;
                }
                case '(' -> {
                    if (regex.startsWith("(?", i) && !isLookaroundOrPlainGroup(regex, i)) {
                        return List.of();
                    }
                    int close = groupEnd(regex, i);
                    if (close < 0) {
                        return List.of();
                    }
                    end(run, runs);
                    i = close + 1;
                    continue;
                }
                case '|' -> {
                    return List.of();
                }
                case '?', '*' -> {
                    dropLast(run);
                    end(run, runs);
                }
                case '{' -> {
                    dropLast(run);
                    end(run, runs);
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        return List.of();
                    }
                    i = close + 1;
                    continue;
                }
                case '+', '.', '^', '$', ')' -> end(run, runs);
                default -> {
                    if (isKept(c)) {
                        run.append(Character.toLowerCase(c));
                    } else {
                        end(run, runs);
                    }
                }
            }
            i++;
        }
        end(run, runs);
        return runs;
    }

    /** ASCII lower case, the folding the expressions' case-insensitivity does. */
    static String asciiLower(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static boolean isKept(char c) {
        return c >= 0x20 && c < 0x7f;
    }

    private static void dropLast(StringBuilder run) {
        if (!run.isEmpty()) {
            run.setLength(run.length() - 1);
        }
    }

    private static void end(StringBuilder run, List<String> runs) {
        if (run.length() >= 2) {
            runs.add(asciiLower(run.toString()));
        }
        run.setLength(0);
    }

    private static boolean isLookaroundOrPlainGroup(String regex, int open) {
        return regex.startsWith("(?:", open) || regex.startsWith("(?=", open) || regex.startsWith("(?!", open)
                || regex.startsWith("(?<=", open) || regex.startsWith("(?<!", open);
    }

    /** Index of the ']' closing the class opened at {@code open}, nested classes and escapes included. */
    private static int classEnd(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
                i++;
                // A ']' right after the opening (or its '^') is a member, not the end.
                if (i < regex.length() && regex.charAt(i) == '^') {
                    i++;
                }
                if (i < regex.length() && regex.charAt(i) == ']') {
                    i++;
                }
                continue;
            }
            if (c == ']' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Index of the ')' closing the group opened at {@code open}, skipping classes and escapes inside it. */
    private static int groupEnd(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                int close = classEnd(regex, i);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
