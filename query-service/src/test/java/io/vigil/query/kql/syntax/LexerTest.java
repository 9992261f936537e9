package io.vigil.query.kql.syntax;

import io.vigil.query.kql.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LexerTest {

    @Test
    void tokensCarryOneBasedLinesAndColumns() {
        List<Token> tokens = Lexer.tokenize("T\n  | where x == 'a'");
        assertThat(tokens).extracting(t -> t.text() + "@" + t.position())
                .containsExactly("T@1:1", "|@2:3", "where@2:5", "x@2:11", "==@2:13", "'a'@2:16", "@2:19");
        assertThat(tokens.get(5).value()).isEqualTo("a");
    }

    @Test
    void commentsAndWhitespaceAreSkipped() {
        assertThat(Lexer.tokenize("a // comment | b\n// whole line\nb")).extracting(Token::text).containsExactly("a", "b", "");
    }

    @Test
    void longestPunctuationWins() {
        assertThat(Lexer.tokenize("== != <> <= >= =~ !~ .. = < > ! ~")).extracting(Token::text)
                .containsExactly("==", "!=", "<>", "<=", ">=", "=~", "!~", "..", "=", "<", ">", "!", "~", "");
    }

    @Test
    void numbersAndTimespans() {
        List<Token> tokens = Lexer.tokenize("42 0x1F 1.5 1e3 2.5e-1 7d 1.5h 30min 100ms 1tick 1..5");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.LONG, TokenKind.LONG, TokenKind.REAL,
                TokenKind.REAL, TokenKind.REAL, TokenKind.TIMESPAN, TokenKind.TIMESPAN, TokenKind.TIMESPAN,
                TokenKind.TIMESPAN, TokenKind.TIMESPAN, TokenKind.LONG, TokenKind.PUNCTUATION, TokenKind.LONG, TokenKind.END);
        assertThat(tokens).extracting(Token::value).startsWith(42L, 31L, 1.5, 1000.0, 0.25, 6_048_000_000_000L,
                54_000_000_000L, 18_000_000_000L, 1_000_000L, 1L);
    }

    @Test
    void stringForms() {
        List<Token> tokens = Lexer.tokenize("\"a\\\"b\\n\" 'c\\'d' @\"C:\\x\" @'it''s' h\"secret\" ```multi\nline``` ~~~t~~~ \"\\u00e9\"");
        assertThat(tokens).extracting(Token::value)
                .containsExactly("a\"b\n", "c'd", "C:\\x", "it's", "secret", "multi\nline", "t", "é", null);
    }

    @Test
    void rawTypedLiteralsKeepTheirContent() {
        List<Token> tokens = Lexer.tokenize("datetime(2015-12-31 23:59:59.9) timespan(0.12:34:56.7) guid(null) typeof(datetime)");
        assertThat(tokens.subList(0, 3)).extracting(t -> t.text() + "=" + t.value())
                .containsExactly("datetime=2015-12-31 23:59:59.9", "timespan=0.12:34:56.7", "guid=null");
        assertThat(tokens.get(5).kind()).isEqualTo(TokenKind.IDENTIFIER);
    }

    @Test
    void adjacencyIsVisible() {
        List<Token> glued = Lexer.tokenize("!contains");
        List<Token> apart = Lexer.tokenize("! contains");
        assertThat(glued.get(0).touches(glued.get(1))).isTrue();
        assertThat(apart.get(0).touches(apart.get(1))).isFalse();
    }

    @Test
    void identifiersMayStartWithDollarOrUnderscore() {
        assertThat(Lexer.tokenize("$left _ResourceId a1_b")).extracting(Token::text).containsExactly("$left", "_ResourceId", "a1_b", "");
    }

    @Test
    void lexicalErrorsPointAtTheToken() {
        assertError("print \"abc", "kql.syntax", 1, 7);
        assertError("x\n  'unterminated", "kql.syntax", 2, 3);
        assertError("print 5w", "kql.syntax", 1, 7);
        assertError("print 12abc", "kql.syntax", 1, 7);
        assertError("print 99999999999999999999", "kql.literal", 1, 7);
        assertError("print \u201cx", "kql.syntax", 1, 7);
        assertError("a # b", "kql.syntax", 1, 3);
        assertError("\"bad \\q escape\"", "kql.syntax", 1, 6);
    }

    private static void assertError(String text, String code, int line, int column) {
        KqlException error = catchThrowableOfType(KqlException.class, () -> Lexer.tokenize(text));
        assertThat(error).as(text).isNotNull();
        assertThat(error.code() + " " + error.line() + ":" + error.column()).as(text).isEqualTo(code + " " + line + ":" + column);
    }

    @Test
    void typographicQuotesDelimitStringsAsPastedFromDocumentation() {
        List<Token> tokens = Lexer.tokenize("“<sensor_name>” ‘it\\s’ ”mixed“");
        assertThat(tokens).extracting(Token::kind)
                .containsExactly(TokenKind.STRING, TokenKind.STRING, TokenKind.STRING, TokenKind.END);
        assertThat(tokens).extracting(Token::value).startsWith("<sensor_name>", "it\\s", "mixed");
        KqlException unterminated = catchThrowableOfType(KqlException.class, () -> Lexer.tokenize("x == “open"));
        assertThat(unterminated.column()).isEqualTo(6);
    }
}
