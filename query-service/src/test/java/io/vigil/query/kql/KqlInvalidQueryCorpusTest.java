package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus of invalid queries ({@code kql/invalid-queries.kqltest}): each fails with its code, line and column. */
class KqlInvalidQueryCorpusTest {

    private static List<KqlCase> corpus() {
        return KqlCaseFile.parse("invalid-queries.kqltest", KqlTestDatabase.resource("kql/invalid-queries.kqltest"));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidQueryFailsWhereExpected() {
        return corpus().stream().map(kqlCase -> DynamicTest.dynamicTest(kqlCase.name(), () -> KqlCaseRunner.checkError(kqlCase)));
    }

    @Test
    void theCorpusCoversEveryErrorCodeThatInputCanCause() {
        assertThat(corpus()).extracting(KqlCase::errorCode).contains(KqlErrorCodes.SYNTAX, KqlErrorCodes.LITERAL,
                KqlErrorCodes.UNKNOWN_TABLE, KqlErrorCodes.UNKNOWN_COLUMN, KqlErrorCodes.UNKNOWN_FUNCTION,
                KqlErrorCodes.ARGUMENTS, KqlErrorCodes.TYPE, KqlErrorCodes.DUPLICATE_COLUMN, KqlErrorCodes.UNSUPPORTED);
        assertThat(corpus()).allMatch(KqlCase::expectsError);
    }
}
