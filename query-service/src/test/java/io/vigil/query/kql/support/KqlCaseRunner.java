package io.vigil.query.kql.support;

import io.vertx.core.json.JsonArray;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlException;
import io.vigil.query.kql.KqlLimits;
import io.vigil.query.kql.ResultColumn;
import io.vigil.query.kql.TimeWindow;
import io.vigil.query.kql.catalog.WorkspaceCatalog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Compiles a case with the fixed test clock and checks its error, or runs it and checks columns and rows. */
public final class KqlCaseRunner {

    /** The tests' now(): the fixtures are dated relative to it. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final Map<String, String> SQL_TYPES = Map.of(
            "string", "TEXT", "long", "INT8", "int", "INT4", "real", "FLOAT8", "bool", "BOOL",
            "datetime", "TIMESTAMPTZ", "timespan", "INT8", "dynamic", "JSONB", "guid", "TEXT");

    private KqlCaseRunner() {
    }

    public static KqlCompiler compiler(int maxRows) {
        KqlLimits limits = maxRows > 0 ? new KqlLimits(KqlLimits.defaults().maxQueryLength(), maxRows) : KqlLimits.defaults();
        return new KqlCompiler(limits, WorkspaceCatalog.builtIn(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static CompiledKql compile(KqlCase kqlCase) {
        Optional<TimeWindow> window = kqlCase.windowFrom() == null && kqlCase.windowTo() == null ? Optional.empty()
                : Optional.of(new TimeWindow(kqlCase.windowFrom(), kqlCase.windowTo()));
        return compiler(kqlCase.maxRows()).compile(kqlCase.query(), window);
    }

    /** For error cases only: no database needed. */
    public static void checkError(KqlCase kqlCase) {
        KqlException error = catchThrowableOfType(KqlException.class, () -> compile(kqlCase));
        assertThat(error).as("%s must fail to compile", kqlCase).isNotNull();
        assertThat(error.code() + " " + error.line() + ":" + error.column())
                .as("%s (message: %s)", kqlCase, error.getMessage())
                .isEqualTo(kqlCase.errorCode() + " " + kqlCase.errorLine() + ":" + kqlCase.errorColumn());
        assertThat(error.getMessage()).isNotBlank();
    }

    public static void run(KqlCase kqlCase) {
        if (kqlCase.expectsError()) {
            checkError(kqlCase);
            return;
        }
        CompiledKql compiled;
        try {
            compiled = compile(kqlCase);
        } catch (KqlException e) {
            throw new AssertionError(kqlCase + " must compile, but: " + e, e);
        }
        List<String> columnTexts = new ArrayList<>();
        for (ResultColumn column : compiled.columns()) {
            columnTexts.add(column.name() + ":" + column.type());
        }
        if (kqlCase.columns() != null) {
            assertThat(columnTexts).as("%s columns", kqlCase).containsExactlyElementsOf(kqlCase.columns());
        }
        KqlTestDatabase.QueryResult result = KqlTestDatabase.shared().execute(compiled);
        checkShape(kqlCase, compiled, result);
        if (kqlCase.rowsMode() == null) {
            return;
        }
        List<String> actual = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(CanonicalValues.actual(row.get(i), compiled.columns().get(i).type()));
            }
            actual.add("[" + String.join(", ", cells) + "]");
        }
        if (kqlCase.rowsMode().equals("count")) {
            assertThat(actual).as("%s row count\nSQL: %s", kqlCase, compiled.sql()).hasSize(kqlCase.rowCount());
            return;
        }
        List<String> expected = new ArrayList<>();
        for (String row : kqlCase.rows()) {
            JsonArray cells = new JsonArray(row);
            assertThat(cells.size()).as("%s: expected row %s has the wrong number of cells", kqlCase, row)
                    .isEqualTo(compiled.columns().size());
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                texts.add(CanonicalValues.expected(cells.getValue(i), compiled.columns().get(i).type()));
            }
            expected.add("[" + String.join(", ", texts) + "]");
        }
        if (kqlCase.rowsMode().equals("ordered")) {
            assertThat(actual).as("%s rows\nSQL: %s\nparameters: %s", kqlCase, compiled.sql(), compiled.parameters())
                    .containsExactlyElementsOf(expected);
        } else {
            assertThat(actual).as("%s rows\nSQL: %s\nparameters: %s", kqlCase, compiled.sql(), compiled.parameters())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Every result must have the promised SQL types, and no string cell may be null. */
    private static void checkShape(KqlCase kqlCase, CompiledKql compiled, KqlTestDatabase.QueryResult result) {
        List<String> expectedTypes = compiled.columns().stream().map(c -> SQL_TYPES.get(c.type())).toList();
        assertThat(result.sqlTypes()).as("%s SQL column types", kqlCase).containsExactlyElementsOf(expectedTypes);
        for (List<Object> row : result.rows()) {
            for (int i = 0; i < row.size(); i++) {
                if (compiled.columns().get(i).type().equals("string")) {
                    assertThat(row.get(i)).as("%s: string column %s is never null", kqlCase, compiled.columns().get(i).name())
                            .isNotNull();
                }
            }
        }
    }
}
