package io.vigil.twin.query;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random token soup: the compiler either compiles it into a statement whose placeholders match its parameters,
 * or rejects it with a TwinQueryException (never an internal error) pointing inside the text.
 */
class CompilerRobustnessTest {

    private static final String[] VOCABULARY = {"SELECT", "TOP", "*", "FROM", "devices", "devices.modules",
        "devices.jobs", "WHERE", "GROUP", "BY", "ORDER", "AS", "AND", "OR", "NOT", "IN", "NIN", "(", ")", "[", "]",
        ",", ".", "=", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "/", "%", "tags", "properties", "reported",
        "deviceId", "moduleId", "x", "$version", "[[group]]", "'a'", "\"b\"", "1", "2.5", "0x1F", "-3", "true",
        "false", "null", "undefined", "COUNT", "SUM", "AVG", "MIN", "MAX", "IS_DEFINED", "IS_NULL", "STARTSWITH",
        "ENDSWITH", "STARTS_WITH", "\n", "/* c */", "'", "[[", "]]", "\\", "#", "!"};

    private final TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults());

    @Test
    void randomInputNeverEscapesAsAnotherException() {
        Random random = new Random(424242L);
        int compiled = 0;
        for (int i = 0; i < 20_000; i++) {
            String query = soup(random, i % 3 == 0);
            try {
                CompiledTwinQuery result = compiler.compile(query);
                BoundQuery page = result.page("hub", 10, Optional.empty());
                assertThat(highestPlaceholder(page.sql())).as(query).isEqualTo(page.parameters().size());
                compiled++;
            } catch (TwinQueryException e) {
                assertThat(e.code()).as("%s: %s", query, e.getMessage()).isNotEqualTo(TwinQueryErrorCodes.INTERNAL);
                assertPositionInside(query, e);
            }
        }
        assertThat(compiled).as("some soups are valid queries").isPositive();
    }

    private static String soup(Random random, boolean startLikeAQuery) {
        StringBuilder query = new StringBuilder(startLikeAQuery ? "SELECT * FROM devices WHERE " : "");
        int length = 1 + random.nextInt(14);
        for (int i = 0; i < length; i++) {
            query.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return query.toString();
    }

    private static void assertPositionInside(String query, TwinQueryException e) {
        String[] lines = query.split("\r\n|\r|\n", -1);
        assertThat(e.line()).as("line of %s", query).isBetween(1, lines.length);
        assertThat(e.column()).as("column of %s", query).isBetween(1, lines[e.line() - 1].length() + 1);
    }

    private static int highestPlaceholder(String sql) {
        Matcher placeholder = Pattern.compile("\\$([0-9]+)").matcher(sql);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        return highest;
    }
}
