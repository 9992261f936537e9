package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.syntax.StringOperator;
import io.vigil.query.kql.types.KqlType;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The string operators in SQL. Case-insensitive forms compare {@code lower()} of both sides. {@code has} matches
 * whole terms: a term is a maximal run of letters and digits, where every non-ASCII character counts as a letter
 * and every other ASCII character separates terms; a right side with separators inside ("10.1.2.3") must match a
 * run of whole terms, and a separator at its start or end needs no boundary there. An empty right side never
 * matches a {@code has}-family operator.
 * <p>
 * Null only comes from a dynamic operand: a positive operator is then false, a negated one true.
 */
final class StringMatching {

    /** Characters that separate terms: ASCII that is not a letter or digit (NUL cannot occur in text). */
    private static final String SEPARATOR = "[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]";

    private final CompilationContext context;
    private final Conversions conversions;

    StringMatching(CompilationContext context, Conversions conversions) {
        this.context = context;
        this.conversions = conversions;
    }

    SqlValue match(StringOperator operator, SqlValue left, SqlValue right, Position position) {
        if (operator.test() == StringOperator.Test.REGEX) {
            checkRegex(right, position);
        }
        String[] l = text(left);
        String[] r = text(right);
        boolean nullable = l[1] != null || r[1] != null;
        String a = l[0];
        String b = r[0];
        boolean ci = !operator.caseSensitive();
        String la = ci ? "lower(" + a + ")" : a;
        String lb = ci ? "lower(" + b + ")" : b;
        String test;
        switch (operator.test()) {
            case EQUALS:
                test = "(" + la + " = " + lb + ")";
                break;
            case CONTAINS:
                test = "(strpos(" + la + ", " + lb + ") > 0)";
                break;
            case STARTS_WITH:
                test = "starts_with(" + la + ", " + lb + ")";
                break;
            case ENDS_WITH:
                test = context.share(lb, y -> "(right(" + la + ", char_length(" + y + ")) = " + y + ")");
                break;
            case HAS:
            case HAS_PREFIX:
            case HAS_SUFFIX:
                test = hasTest(operator, a, b);
                break;
            case REGEX:
                test = "(" + a + " ~ " + b + ")";
                break;
            default:
                throw new IllegalStateException("unknown string test " + operator.test());
        }
        if (operator.negated()) {
            return SqlValue.notNull(nullable ? "coalesce(NOT " + test + ", true)" : "(NOT " + test + ")", KqlType.BOOL);
        }
        return SqlValue.notNull(nullable ? "coalesce(" + test + ", false)" : test, KqlType.BOOL);
    }

    /** The left side matched against a regular expression built from the right side, term boundaries included. */
    private String hasTest(StringOperator operator, String a, String b) {
        boolean left = operator.test() != StringOperator.Test.HAS_SUFFIX;
        boolean right = operator.test() != StringOperator.Test.HAS_PREFIX;
        String regexOperator = operator.caseSensitive() ? "~" : "~*";
        return context.share(b, y -> {
            String pattern = (left ? "(CASE WHEN " + y + " ~ '^" + SEPARATOR + "' THEN '' ELSE '(^|" + SEPARATOR + ")' END) || " : "")
                    + "regexp_replace(" + y + ", '(" + SEPARATOR + ")', '\\\\\\1', 'g')"
                    + (right ? " || (CASE WHEN " + y + " ~ '" + SEPARATOR + "$' THEN '' ELSE '($|" + SEPARATOR + ")' END)" : "");
            return "(" + y + " <> '' AND " + a + " " + regexOperator + " (" + pattern + "))";
        });
    }

    /** Operand as text: {sql, non-null marker when it can be null}. */
    private String[] text(SqlValue value) {
        if (value.type() == KqlType.DYNAMIC) {
            return new String[] {Conversions.dynamicText(value.sql()), "nullable"};
        }
        return new String[] {"(" + conversions.toStringValue(value).sql() + ")", null};
    }

    /** A literal pattern that does not compile is reported now rather than as a database error. */
    private static void checkRegex(SqlValue pattern, Position position) {
        if (pattern.isConstant() && pattern.constantValue() instanceof String regex) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw position.error(KqlErrorCodes.LITERAL, "invalid regular expression: " + e.getDescription());
            }
        }
    }
}
