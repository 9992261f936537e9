package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import io.vigil.query.kql.syntax.Lexer;
import io.vigil.query.kql.syntax.Token;
import io.vigil.query.kql.syntax.TokenKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No literal of a query ever appears in the SQL text: every one is a bound parameter. */
class KqlLiteralBindingTest {

    /** Words the generated SQL itself contains; a query literal equal to one of them proves nothing. */
    private static final Set<String> SQL_VOCABULARY = Set.of("true", "false", "null", "nan", "infinity", "string", "array",
            "long", "real", "bool", "object", "number", "boolean", "dictionary", "text", "utc", "day", "month", "int");

    @Test
    void hostileAndDistinctiveLiteralsAreAllParameters() {
        String query = """
                let secret = "letvalue-77";
                let injection = "'); DROP TABLE workspace.security_alert; --";
                datatable(s:string, n:long)["dt-value-88", 1]
                | extend a = strcat(s, "O'Brien \\"quoted\\" $1"), b = 987654321, c = 31415.9265, d = datetime(2031-07-09 01:02:03),
                         e = 1234567ms, f = dynamic({"secret-key-42": "secret-value-43"})["secret-key-42"], g = s has "zebra-term",
                         h = s matches regex "zq[0-9]+", i = s in ("in-item-1", "in-item-2"), j = secret, k = injection,
                         l = extract_json("$.json-path-key", '{"json-path-key": 5}', typeof(long)), m = n between (4444 .. 5555)
                | take 4321""";
        CompiledKql compiled = KqlCaseRunner.compiler(0).compile(query, Optional.empty());
        for (String literal : List.of("letvalue-77", "DROP TABLE", "dt-value-88", "O'Brien", "quoted", "987654321", "31415.9265",
                "2031", "1234567", "12345670000", "secret-key-42", "secret-value-43", "zebra-term", "zq[0-9]", "in-item-1",
                "in-item-2", "json-path-key", "4444", "5555", "4321")) {
            assertThat(compiled.sql()).as("SQL must not contain %s", literal).doesNotContain(literal);
        }
        List<String> parameterTexts = compiled.parameters().stream()
                .map(p -> p instanceof String[] array ? Arrays.toString(array) : String.valueOf(p)).toList();
        assertThat(String.join("\n", parameterTexts)).contains("letvalue-77", "DROP TABLE", "dt-value-88", "O'Brien",
                "987654321", "31415.9265", "secret-key-42", "zebra-term", "in-item-2", "json-path-key", "4321");
        assertThat(compiled.parameters()).contains(OffsetDateTime.parse("2031-07-09T01:02:03Z"), 12_345_670_000L);
        // and it runs: the hostile text is data, not SQL
        KqlTestDatabase.QueryResult result = KqlTestDatabase.shared().execute(compiled);
        assertThat(result.rows()).hasSize(1);
        assertThat(result.rows().get(0).get(result.rows().get(0).size() - 3))
                .isEqualTo("'); DROP TABLE workspace.security_alert; --");
    }

    @Test
    void noLiteralOfTheCaseCorpusAppearsInItsSql() throws IOException, URISyntaxException {
        Path directory = Path.of(KqlLiteralBindingTest.class.getClassLoader().getResource("kql/cases").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.toString().endsWith(".kqltest")).sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            for (KqlCase kqlCase : KqlCaseFile.parse(name, KqlTestDatabase.resource("kql/cases/" + name))) {
                if (kqlCase.expectsError()) {
                    continue;
                }
                String sql = KqlCaseRunner.compile(kqlCase).sql();
                for (String literal : distinctiveLiterals(kqlCase.query())) {
                    assertThat(sql).as("%s: the literal %s is in the SQL", kqlCase, literal).doesNotContain(literal);
                    checked++;
                }
                for (String number : numbers(kqlCase.query())) {
                    assertThat(Pattern.compile("(?<![\\w$.])" + Pattern.quote(number) + "(?![\\w.])").matcher(sql).find())
                            .as("%s: the number %s is in the SQL", kqlCase, number).isFalse();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    private static List<String> distinctiveLiterals(String query) {
        List<String> literals = new ArrayList<>();
        for (Token token : Lexer.tokenize(query)) {
            if (token.kind() == TokenKind.STRING) {
                String value = (String) token.value();
                if (value.length() >= 3 && !SQL_VOCABULARY.contains(value.toLowerCase())) {
                    literals.add(value);
                }
            }
        }
        return literals;
    }

    /** Integer and real literals of three digits or more (smaller ones also occur in the SQL's own constants). */
    private static List<String> numbers(String query) {
        List<String> numbers = new ArrayList<>();
        for (Token token : Lexer.tokenize(query)) {
            if ((token.kind() == TokenKind.LONG || token.kind() == TokenKind.REAL) && token.text().replaceAll("\\D", "").length() >= 3) {
                numbers.add(token.text());
            }
        }
        return numbers;
    }
}
