package io.vigil.twin.query.syntax;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexerTest {

    @Test
    void tokensCarryTheirLineAndColumn() {
        List<Token> tokens = new Lexer("SELECT *\r\n  FROM devices\n\tWHERE x").tokenize();

        assertThat(tokens).extracting(Token::position).containsExactly(
                new SourcePosition(1, 1), new SourcePosition(1, 8),
                new SourcePosition(2, 3), new SourcePosition(2, 8),
                new SourcePosition(3, 2), new SourcePosition(3, 8),
                new SourcePosition(3, 9));
        assertThat(tokens.get(tokens.size() - 1).type()).isEqualTo(TokenType.END);
    }

    @Test
    void stringsDecodeTheirEscapes() {
        List<Token> tokens = new Lexer("'it\\'s' \"say \\\"hi\\\"\" 'a\\\\b\\/c' '\\u0041\\n\\t'").tokenize();

        assertThat(tokens.subList(0, 4)).extracting(Token::text)
                .containsExactly("it's", "say \"hi\"", "a\\b/c", "A\n\t");
        assertThat(tokens.subList(0, 4)).extracting(Token::type).containsOnly(TokenType.STRING);
    }

    @Test
    void numbersAreDecimalOrHexadecimal() {
        List<Token> tokens = new Lexer("60 1.5 2e3 7E-1 0x1F 0XfF").tokenize();

        assertThat(tokens.subList(0, 6)).extracting(Token::number).containsExactly(
                new BigDecimal("60"), new BigDecimal("1.5"), new BigDecimal("2e3"), new BigDecimal("7E-1"),
                BigDecimal.valueOf(31), BigDecimal.valueOf(255));
    }

    @Test
    void aMinusIsAnOperatorAndADotAfterANumberIsADot() {
        assertThat(new Lexer("-1 a.b 1.x").tokenize()).extracting(Token::type).containsExactly(
                TokenType.MINUS, TokenType.NUMBER, TokenType.WORD, TokenType.DOT, TokenType.WORD,
                TokenType.NUMBER, TokenType.DOT, TokenType.WORD, TokenType.END);
    }

    @Test
    void namesMayStartWithDollarAndQuotedNamesHoldAnything() {
        List<Token> tokens = new Lexer("$metadata [[firmware-update]] [[ms_iotn:urn_x]] [[a.b c$\"]]").tokenize();

        assertThat(tokens.subList(0, 4)).extracting(Token::type).containsExactly(TokenType.WORD,
                TokenType.QUOTED_NAME, TokenType.QUOTED_NAME, TokenType.QUOTED_NAME);
        assertThat(tokens.subList(0, 4)).extracting(Token::text)
                .containsExactly("$metadata", "firmware-update", "ms_iotn:urn_x", "a.b c$\"");
    }

    @Test
    void operatorsIncludeBothSpellingsOfNotEqual() {
        assertThat(new Lexer("= != <> < <= > >= + - * / %").tokenize()).extracting(Token::type).containsExactly(
                TokenType.EQUAL, TokenType.NOT_EQUAL, TokenType.NOT_EQUAL, TokenType.LESS, TokenType.LESS_OR_EQUAL,
                TokenType.GREATER, TokenType.GREATER_OR_EQUAL, TokenType.PLUS, TokenType.MINUS, TokenType.STAR,
                TokenType.SLASH, TokenType.PERCENT, TokenType.END);
    }

    @Test
    void commentsAreSkippedButCountTowardsPositions() {
        List<Token> tokens = new Lexer("/* one\n two */ SELECT /**/ *").tokenize();

        assertThat(tokens).extracting(Token::position)
                .containsExactly(new SourcePosition(2, 9), new SourcePosition(2, 21), new SourcePosition(2, 22));
    }
}
