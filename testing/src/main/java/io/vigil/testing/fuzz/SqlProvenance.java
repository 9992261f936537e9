package io.vigil.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a compiled SQL statement is made only of what the compiler itself writes. The vocabulary is read from
 * the compiler's Java sources: the words, quoted SQL literals and quoted identifiers of its string literals, and its
 * numeric constants, plus names the caller allows (the catalog's tables and columns). Anything else in the SQL text
 * (a word, a number, a quoted string, a dollar quote, a comment, a second statement) came from the query.
 * <p>
 * Placeholders {@code $n} are the only dollar signs allowed; aliases are a known prefix followed by digits.
 */
public final class SqlProvenance {

    private static final Pattern JAVA_STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern JAVA_CHAR = Pattern.compile("'(?:[^'\\\\\\n]|\\\\.)'");
    private static final Pattern JAVA_NUMBER = Pattern.compile("(?<![\\w.])(?:0x[0-9a-fA-F_]+|[0-9][0-9_]*)(?:\\.[0-9]+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ALIAS = Pattern.compile("([A-Za-z_]+?)([0-9]+)");
    /** The lexical units of SQL that matter here, in the order they must be tried. */
    private static final Pattern SQL_UNIT = Pattern.compile(
            "(?<literal>'(?:[^']|'')*')|(?<identifier>\"(?:[^\"]|\"\")*\")|(?<placeholder>\\$[0-9]+)"
                    + "|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<number>[0-9]+(?:\\.[0-9]+)?)|(?<comment>--|/\\*)"
                    + "|(?<dollar>\\$)|(?<semicolon>;)|(?<other>[\\s\\S])");

    private final String literalText;
    private final Set<String> words = new HashSet<>();
    private final Set<String> numbers = new HashSet<>();

    private SqlProvenance(String literalText, Collection<String> allowedNames) {
        this.literalText = literalText;
        Matcher word = WORD.matcher(literalText);
        while (word.find()) {
            words.add(word.group().toLowerCase());
        }
        for (String name : allowedNames) {
            Matcher part = WORD.matcher(name);
            while (part.find()) {
                words.add(part.group().toLowerCase());
            }
        }
    }

    /**
     * The vocabulary of the compiler whose sources are under {@code sourceRoots} (directories, read recursively),
     * with {@code allowedNames} added (dotted names are split into their parts).
     */
    public static SqlProvenance ofSources(List<Path> sourceRoots, Collection<String> allowedNames) {
        StringBuilder literals = new StringBuilder();
        Set<String> numbers = new HashSet<>();
        for (Path root : sourceRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String source = JAVA_CHAR.matcher(Files.readString(file)).replaceAll("' '");
                    Matcher string = JAVA_STRING.matcher(source);
                    while (string.find()) {
                        String value = unescape(string.group().substring(1, string.group().length() - 1));
                        literals.append(value).append('\n');
                        collectNumbers(value, numbers);
                    }
                    collectNumbers(JAVA_STRING.matcher(source).replaceAll(" "), numbers);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the compiler sources under " + root, e);
            }
        }
        if (literals.length() == 0) {
            throw new IllegalStateException("no compiler sources found under " + sourceRoots);
        }
        SqlProvenance provenance = new SqlProvenance(literals.toString(), allowedNames);
        provenance.numbers.addAll(numbers);
        return provenance;
    }

    /** What in {@code sql} the compiler did not write; empty when the text is all the compiler's own. */
    public List<String> foreignParts(String sql) {
        List<String> foreign = new ArrayList<>();
        Matcher unit = SQL_UNIT.matcher(sql);
        while (unit.find()) {
            String text = unit.group();
            if (unit.group("literal") != null || unit.group("identifier") != null) {
                // Verbatim from a Java literal, or assembled from the compiler's constants ("'" + CLASS + "'"):
                // then every word and number inside must be the compiler's own.
                if (!literalText.contains(text) && !isKnownContent(text.substring(1, text.length() - 1))) {
                    foreign.add("quoted text " + text);
                }
            } else if (unit.group("word") != null) {
                if (!isKnownWord(text)) {
                    foreign.add("word " + text);
                }
            } else if (unit.group("number") != null) {
                if (!numbers.contains(text) && !literalText.contains(text)) {
                    foreign.add("number " + text);
                }
            } else if (unit.group("comment") != null) {
                foreign.add("comment start " + text);
            } else if (unit.group("dollar") != null) {
                foreign.add("a $ that is no placeholder");
            } else if (unit.group("semicolon") != null) {
                foreign.add("a statement separator");
            }
        }
        return foreign;
    }

    private boolean isKnownContent(String content) {
        Matcher part = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\\.[0-9]+)?").matcher(content);
        while (part.find()) {
            String text = part.group();
            boolean known = Character.isDigit(text.charAt(0))
                    ? numbers.contains(text) || literalText.contains(text)
                    : isKnownWord(text);
            if (!known) {
                return false;
            }
        }
        return true;
    }

    private boolean isKnownWord(String word) {
        String lower = word.toLowerCase();
        if (words.contains(lower)) {
            return true;
        }
        Matcher alias = ALIAS.matcher(lower);
        return alias.matches() && words.contains(alias.group(1));
    }

    private static void collectNumbers(String text, Set<String> numbers) {
        Matcher number = JAVA_NUMBER.matcher(text);
        while (number.find()) {
            String value = number.group().replace("_", "");
            numbers.add(value);
            if (value.startsWith("0x")) {
                try {
                    numbers.add(new java.math.BigInteger(value.substring(2), 16).toString());
                } catch (NumberFormatException ignored) {
                    // not a number after all
                }
            }
        }
    }

    /** Java string escapes to the characters they stand for. */
    private static String unescape(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 's' -> out.append(' ');
                case '0' -> out.append('\0');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
