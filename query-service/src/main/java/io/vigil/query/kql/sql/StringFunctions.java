package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String functions. Non-string arguments are converted with tostring() first, as KQL does. */
final class StringFunctions {

    private StringFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("tolower", 1, 1, call -> SqlValue.notNull("lower(" + call.string(0).sql() + ")", KqlType.STRING));
        functions.register("toupper", 1, 1, call -> SqlValue.notNull("upper(" + call.string(0).sql() + ")", KqlType.STRING));
        functions.register("strlen", 1, 1, call -> SqlValue.notNull("char_length(" + call.string(0).sql() + ")::bigint", KqlType.LONG));
        functions.register("strcat", 1, 64, StringFunctions::strcat);
        functions.register("strcat_delim", 2, 65, StringFunctions::strcatDelim);
        functions.register("substring", 2, 3, StringFunctions::substring);
        functions.register("split", 2, 3, StringFunctions::split);
        functions.register("replace_string", 3, 3, call -> SqlValue.notNull("replace(" + call.string(0).sql() + ", "
                + call.string(1).sql() + ", " + call.string(2).sql() + ")", KqlType.STRING));
        functions.register("indexof", 2, 2, call -> SqlValue.notNull("(strpos(" + call.string(0).sql() + ", "
                + call.string(1).sql() + ") - 1)::bigint", KqlType.LONG));
        functions.register("extract", 3, 4, StringFunctions::extract);
    }

    private static SqlValue strcat(FunctionCall call) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < call.count(); i++) {
            parts.add(call.string(i).sql());
        }
        return SqlValue.notNull("(" + String.join(" || ", parts) + ")", KqlType.STRING);
    }

    private static SqlValue strcatDelim(FunctionCall call) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < call.count(); i++) {
            parts.add(call.string(i).sql());
        }
        return SqlValue.notNull("concat_ws(" + String.join(", ", parts) + ")", KqlType.STRING);
    }

    /** 0-based start; a negative start counts from the end; past the end gives "". */
    private static SqlValue substring(FunctionCall call) {
        String text = call.string(0).sql();
        SqlValue start = call.typed(1, KqlType.LONG);
        SqlValue length = call.count() > 2 ? call.typed(2, KqlType.LONG) : null;
        CompilationContext context = call.context();
        String sql = context.share(text, s -> context.share(start.sql(), b -> {
            String from = "(CASE WHEN " + b + " < 0 THEN greatest(char_length(" + s + ") + " + b + ", 0) ELSE " + b + " END)";
            String fromSql = "(" + from + " + 1)::integer";
            if (length == null) {
                return "substr(" + s + ", " + fromSql + ")";
            }
            return "substr(" + s + ", " + fromSql + ", greatest(" + length.sql() + ", 0)::integer)";
        }));
        return SqlValue.string(sql, start.nullable() || (length != null && length.nullable()));
    }

    /** A dynamic array of the parts; with an index, an array holding only that part (empty when out of range). */
    private static SqlValue split(FunctionCall call) {
        String text = call.string(0).sql();
        String delimiter = call.string(1).sql();
        CompilationContext context = call.context();
        String array = context.share(text, s -> "(CASE WHEN " + s + " = '' THEN jsonb_build_array(" + s
                + ") ELSE to_jsonb(string_to_array(" + s + ", " + delimiter + ")) END)");
        if (call.count() < 3) {
            return SqlValue.notNull(array, KqlType.DYNAMIC);
        }
        SqlValue index = call.typed(2, KqlType.LONG);
        String sql = context.share(array, a -> "(CASE WHEN (" + a + " -> (" + index.sql() + ")::integer) IS NULL THEN '[]'::jsonb"
                + " ELSE jsonb_build_array(" + a + " -> (" + index.sql() + ")::integer) END)");
        return SqlValue.notNull(sql, KqlType.DYNAMIC);
    }

    /** extract(regex, group, text [, typeof(T)]): group 0 is the whole match; no match is "" (or null when typed). */
    private static SqlValue extract(FunctionCall call) {
        SqlValue regex = call.string(0);
        if (regex.isConstant() && regex.constantValue() instanceof String pattern) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw call.positionOf(0).error(KqlErrorCodes.LITERAL, "invalid regular expression: " + e.getDescription());
            }
        }
        SqlValue group = call.typed(1, KqlType.LONG);
        String text = call.string(2).sql();
        String match = "(regexp_match(" + text + ", '(' || " + regex.sql() + " || ')'))[(" + group.sql() + ")::integer + 1]";
        SqlValue extracted = SqlValue.string(match, true);
        if (call.count() == 4) {
            KqlType type = call.typeArgument(3);
            if (type == KqlType.STRING) {
                return extracted;
            }
            return call.conversions().to(type, nullableText(match), call.positionOf(3));
        }
        return extracted;
    }

    /** A nullable text value presented as a dynamic string, so that typed conversions keep null for "no match". */
    private static SqlValue nullableText(String textSql) {
        return SqlValue.of("to_jsonb(" + textSql + ")", KqlType.DYNAMIC, true);
    }
}
