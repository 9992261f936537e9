package io.vigil.twin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.query.support.CaseTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every query of twin-query/invalid-queries.json fails with its code, line and column; plus the limits. */
class InvalidQueryCorpusTest {

    private final TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults());

    @TestFactory
    Stream<DynamicTest> corpus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : CaseTable.resource("invalid-queries.json")) {
            if (row.has("//")) {
                continue;
            }
            String query = text(row.get("query"));
            String expectedCode = row.get("code").asText();
            int line = row.get("line").asInt();
            int column = row.get("column").asInt();
            tests.add(DynamicTest.dynamicTest(row.get("why").asText() + " -> " + expectedCode, () -> {
                TwinQueryException error = compileError(query);
                assertThat(error.code()).as("code for %s (message: %s)", query, error.getMessage())
                        .isEqualTo(expectedCode);
                assertThat(new int[] {error.line(), error.column()})
                        .as("line and column for %s (message: %s)", query, error.getMessage())
                        .containsExactly(line, column);
                assertThat(error.getMessage()).isNotBlank();
            }));
        }
        return tests.stream();
    }

    @Test
    void aQueryLongerThanTheLimitIsRejectedWhereTheLimitIsPassed() {
        StringBuilder query = new StringBuilder("SELECT * FROM devices WHERE tags.x = 1");
        while (query.length() <= 8192) {
            query.append(" OR tags.x = 1");
        }
        TwinQueryException error = compileError(query.toString());

        assertThat(error.code()).isEqualTo(TwinQueryErrorCodes.TOO_LONG);
        assertThat(new int[] {error.line(), error.column()}).containsExactly(1, 8193);
    }

    @Test
    void aQueryOfExactlyTheLimitCompiles() {
        StringBuilder query = new StringBuilder("SELECT * FROM devices WHERE tags.x = 'a'");
        query.append(" ".repeat(8192 - query.length()));

        assertThat(compiler.compile(query.toString()).itemType()).isEqualTo(CompiledTwinQuery.TWIN);
    }

    @Test
    void theLengthLimitComesFromTheLimits() {
        TwinQueryCompiler strict = new TwinQueryCompiler(new TwinQueryLimits(30, 100));
        TwinQueryException error = catchThrowableOfType(TwinQueryException.class,
                () -> strict.compile("SELECT * FROM devices\nWHERE tags.x = 1"));

        assertThat(error.code()).isEqualTo(TwinQueryErrorCodes.TOO_LONG);
        assertThat(new int[] {error.line(), error.column()}).containsExactly(2, 9);
    }

    @Test
    void deeplyNestedParenthesesAreRejected() {
        String query = "SELECT * FROM devices WHERE " + "(".repeat(150) + "true" + ")".repeat(150);
        TwinQueryException error = compileError(query);

        assertThat(error.code()).isEqualTo(TwinQueryErrorCodes.TOO_COMPLEX);
        // The 101st '(' opens level 101; the error points at what follows it, the 102nd '('.
        assertThat(new int[] {error.line(), error.column()}).containsExactly(1, 28 + 102);
    }

    @Test
    void longArithmeticChainsAreRejectedBeforeTheyNestDeeply() {
        String query = "SELECT * FROM devices WHERE tags.x" + " + 1".repeat(500) + " > 0";

        assertThat(compileError(query).code()).isEqualTo(TwinQueryErrorCodes.TOO_COMPLEX);
    }

    @Test
    void longAndChainsAreNotNesting() {
        String query = "SELECT * FROM devices WHERE tags.x = 1" + " AND tags.x = 1".repeat(500);

        assertThat(compiler.compile(query).itemType()).isEqualTo(CompiledTwinQuery.TWIN);
    }

    @Test
    void nullQueryIsASyntaxError() {
        assertThat(compileError(null).code()).isEqualTo(TwinQueryErrorCodes.SYNTAX);
    }

    private TwinQueryException compileError(String query) {
        TwinQueryException error = catchThrowableOfType(TwinQueryException.class, () -> compiler.compile(query));
        assertThat(error).as("compiling %s must fail", query).isNotNull();
        return error;
    }

    private static String text(JsonNode query) {
        if (query.isTextual()) {
            return query.asText();
        }
        List<String> lines = new ArrayList<>();
        query.forEach(line -> lines.add(line.asText()));
        return String.join("\n", lines);
    }
}
