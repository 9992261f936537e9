package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * "Never throws anything but KqlException for bad input": mangled versions of the corpus queries either compile or
 * fail with a KqlException that has a code, a message and a position inside the text.
 */
class KqlRobustnessTest {

    private static final String ALPHABET = "abcXYZ019_$|;,()[]{}.:=<>!~+-*/%\"'@`# \n\t";

    @Test
    void mangledQueriesFailOnlyWithKqlException() {
        List<String> queries = new ArrayList<>();
        for (String file : List.of("01-seeds.kqltest", "03-operators.kqltest", "04-functions.kqltest", "07-joins.kqltest")) {
            for (KqlCase kqlCase : KqlCaseFile.parse(file, KqlTestDatabase.resource("kql/cases/" + file))) {
                queries.add(kqlCase.query());
            }
        }
        KqlCompiler compiler = KqlCaseRunner.compiler(0);
        Random random = new Random(20260301L);
        int failures = 0;
        for (int i = 0; i < 5000; i++) {
            String query = mangle(queries.get(random.nextInt(queries.size())), random);
            try {
                compiler.compile(query, Optional.empty());
            } catch (KqlException e) {
                failures++;
                assertThat(e.code()).startsWith("kql.").isNotEqualTo(KqlErrorCodes.INTERNAL);
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.line()).isBetween(1, (int) query.chars().filter(c -> c == '\n').count() + 1);
                assertThat(e.column()).isPositive();
            } catch (RuntimeException | Error e) {
                fail("compiling a mangled query threw " + e + "\nquery:\n" + query, e);
            }
        }
        assertThat(failures).isGreaterThan(1000);
    }

    private static String mangle(String query, Random random) {
        StringBuilder text = new StringBuilder(query);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> text.setLength(at);
                default -> {
                    int other = random.nextInt(text.length());
                    char c = text.charAt(at);
                    text.setCharAt(at, text.charAt(other));
                    text.setCharAt(other, c);
                }
            }
        }
        return text.toString();
    }
}
