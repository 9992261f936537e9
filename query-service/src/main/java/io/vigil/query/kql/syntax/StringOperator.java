package io.vigil.query.kql.syntax;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The string operators of KQL (precedence level 7): what they test, whether case matters, whether negated.
 * {@code ==} / {@code !=} are not here: they are ordinary comparisons, case-sensitive on strings.
 */
public enum StringOperator {
    EQUALS_CI("=~", Test.EQUALS, false, false),
    NOT_EQUALS_CI("!~", Test.EQUALS, false, true),
    CONTAINS("contains", Test.CONTAINS, false, false),
    NOT_CONTAINS("!contains", Test.CONTAINS, false, true),
    CONTAINS_CS("contains_cs", Test.CONTAINS, true, false),
    NOT_CONTAINS_CS("!contains_cs", Test.CONTAINS, true, true),
    STARTSWITH("startswith", Test.STARTS_WITH, false, false),
    NOT_STARTSWITH("!startswith", Test.STARTS_WITH, false, true),
    STARTSWITH_CS("startswith_cs", Test.STARTS_WITH, true, false),
    NOT_STARTSWITH_CS("!startswith_cs", Test.STARTS_WITH, true, true),
    ENDSWITH("endswith", Test.ENDS_WITH, false, false),
    NOT_ENDSWITH("!endswith", Test.ENDS_WITH, false, true),
    ENDSWITH_CS("endswith_cs", Test.ENDS_WITH, true, false),
    NOT_ENDSWITH_CS("!endswith_cs", Test.ENDS_WITH, true, true),
    HAS("has", Test.HAS, false, false),
    NOT_HAS("!has", Test.HAS, false, true),
    HAS_CS("has_cs", Test.HAS, true, false),
    NOT_HAS_CS("!has_cs", Test.HAS, true, true),
    HASPREFIX("hasprefix", Test.HAS_PREFIX, false, false),
    NOT_HASPREFIX("!hasprefix", Test.HAS_PREFIX, false, true),
    HASPREFIX_CS("hasprefix_cs", Test.HAS_PREFIX, true, false),
    NOT_HASPREFIX_CS("!hasprefix_cs", Test.HAS_PREFIX, true, true),
    HASSUFFIX("hassuffix", Test.HAS_SUFFIX, false, false),
    NOT_HASSUFFIX("!hassuffix", Test.HAS_SUFFIX, false, true),
    HASSUFFIX_CS("hassuffix_cs", Test.HAS_SUFFIX, true, false),
    NOT_HASSUFFIX_CS("!hassuffix_cs", Test.HAS_SUFFIX, true, true),
    MATCHES_REGEX("matches regex", Test.REGEX, true, false);

    /** What the operator checks about its left operand. */
    public enum Test { EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, HAS, HAS_PREFIX, HAS_SUFFIX, REGEX }

    private static final Map<String, StringOperator> BY_WORD = new HashMap<>();

    static {
        for (StringOperator operator : values()) {
            BY_WORD.put(operator.text, operator);
        }
    }

    private final String text;
    private final Test test;
    private final boolean caseSensitive;
    private final boolean negated;

    StringOperator(String text, Test test, boolean caseSensitive, boolean negated) {
        this.text = text;
        this.test = test;
        this.caseSensitive = caseSensitive;
        this.negated = negated;
    }

    /** The operator spelled {@code text} ({@code "contains"}, {@code "!has_cs"}, {@code "=~"}, ...). */
    public static Optional<StringOperator> of(String text) {
        return Optional.ofNullable(BY_WORD.get(text));
    }

    public String text() {
        return text;
    }

    public Test test() {
        return test;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    public boolean negated() {
        return negated;
    }
}
