package io.vigil.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates valid queries the way a careless client or an attacker would: tokens deleted, inserted, duplicated and
 * swapped, random characters and bytes, huge and malformed numbers, hostile text inside string literals, deep
 * nesting and truncation. It splits text with its own rough tokenizer (not the compiler's lexer, which is under test),
 * so it works for any of the query languages; the caller supplies the language's vocabulary.
 */
public final class QueryMutator {

    /** Strings of either quote kind, words, numbers, runs of white space, then any single character. */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\"|[A-Za-z_$][A-Za-z0-9_$-]*|[0-9][0-9.eExX]*|\\s+|.",
            Pattern.DOTALL);
    private static final List<String> HUGE_NUMBERS = List.of("99999999999999999999999999999", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "0x7fffffffffffffff", "0xFFFFFFFFFFFFFFFFFF", "1e308",
            "1e309", "-1e999", "1.7976931348623157e309", "4.9e-325", "0000000000000000000001", "1" + "0".repeat(400),
            "2147483648", "-2147483649", "0.00000000000000000000000000000000001", "1e", "0x", "1..2", "1.2.3");

    private final List<String> vocabulary;
    private final String openNesting;
    private final String closeNesting;

    /**
     * @param vocabulary   the language's keywords, operators and names, inserted between tokens
     * @param openNesting  what nests in this language ("(" for both), used for deep nesting
     * @param closeNesting its closing counterpart
     */
    public QueryMutator(List<String> vocabulary, String openNesting, String closeNesting) {
        this.vocabulary = List.copyOf(vocabulary);
        this.openNesting = openNesting;
        this.closeNesting = closeNesting;
    }

    /** One to four mutations of {@code query}. */
    public String mutate(String query, Random random) {
        List<String> tokens = tokens(query);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutateOnce(tokens, random);
        }
        return String.join("", tokens);
    }

    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private void mutateOnce(List<String> tokens, Random random) {
        if (tokens.isEmpty()) {
            tokens.add(vocabulary.get(random.nextInt(vocabulary.size())));
            return;
        }
        int at = random.nextInt(tokens.size());
        switch (random.nextInt(12)) {
            case 0 -> tokens.remove(at);
            case 1, 2 -> tokens.add(at, spaced(vocabulary.get(random.nextInt(vocabulary.size())), random));
            case 3 -> {
                int length = 1 + random.nextInt(Math.min(8, tokens.size() - at));
                tokens.addAll(at, new ArrayList<>(tokens.subList(at, at + length)));
            }
            case 4 -> {
                int other = random.nextInt(tokens.size());
                String swapped = tokens.get(at);
                tokens.set(at, tokens.get(other));
                tokens.set(other, swapped);
            }
            case 5 -> tokens.add(at, randomCharacters(random));
            case 6 -> replaceNumber(tokens, at, random);
            case 7 -> replaceString(tokens, at, random);
            case 8 -> nest(tokens, at, random);
            case 9 -> tokens.subList(at, tokens.size()).clear();
            case 10 -> tokens.set(at, tokens.get(at).repeat(2 + random.nextInt(3)));
            default -> tokens.add(at, HostileText.next(random));
        }
    }

    private static String spaced(String word, Random random) {
        return random.nextInt(3) == 0 ? word : " " + word + " ";
    }

    /** Characters of every kind: ASCII punctuation, control characters, Latin-1, any BMP code point, surrogates. */
    private static String randomCharacters(Random random) {
        StringBuilder text = new StringBuilder();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) (0x21 + random.nextInt(0x5e)));
                case 1 -> text.append((char) random.nextInt(0x20));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x180)));
                default -> text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    private static void replaceNumber(List<String> tokens, int from, Random random) {
        String huge = HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size()));
        for (int i = from; i < tokens.size(); i++) {
            if (Character.isDigit(tokens.get(i).charAt(0))) {
                tokens.set(i, huge);
                return;
            }
        }
        tokens.add(from, huge);
    }

    private static void replaceString(List<String> tokens, int from, Random random) {
        for (int i = from; i < tokens.size(); i++) {
            String token = tokens.get(i);
            char quote = token.charAt(0);
            if ((quote == '"' || quote == '\'') && token.length() >= 2) {
                tokens.set(i, quote + token.substring(1, token.length() - 1) + HostileText.next(random) + quote);
                return;
            }
        }
        tokens.add(from, HostileText.next(random));
    }

    /** Wraps a run of tokens in many levels of nesting, around and past the compilers' nesting limits. */
    private void nest(List<String> tokens, int at, Random random) {
        int[] depths = {3, 50, 119, 121, 200, 1000, 5000};
        int depth = depths[random.nextInt(depths.length)];
        int end = at + 1 + random.nextInt(Math.min(6, tokens.size() - at));
        tokens.add(end, closeNesting.repeat(random.nextInt(5) == 0 ? depth / 2 : depth));
        tokens.add(at, openNesting.repeat(depth));
    }
}
