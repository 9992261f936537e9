package io.vigil.twin.query.syntax;

import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits query text into tokens, tracking line and column for error messages.
 * <p>
 * Strings take single or double quotes with the escapes {@code \' \" \\ \/ \b \f \n \r \t \\uXXXX}. Numbers are
 * decimal ({@code 60}, {@code 1.5}, {@code 2e3}) or hexadecimal ({@code 0x1F}); a leading minus is an operator that
 * the parser folds into the literal. {@code /* ... *}{@code /} comments are skipped, because the documentation shows
 * one above a query.
 */
public final class Lexer {

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    public Lexer(String text) {
        this.text = text;
    }

    public List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (index >= text.length()) {
                tokens.add(new Token(TokenType.END, "", null, here()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        SourcePosition start = here();
        char c = text.charAt(index);
        if (c == '\'' || c == '"') {
            return string(start, c);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '$' || isNameStart(c)) {
            return word(start);
        }
        if (c == '[' && peek(1) == '[') {
            return quotedName(start);
        }
        switch (c) {
            case '*':
                return single(TokenType.STAR, start);
            case ',':
                return single(TokenType.COMMA, start);
            case '.':
                return single(TokenType.DOT, start);
            case '(':
                return single(TokenType.LEFT_PAREN, start);
            case ')':
                return single(TokenType.RIGHT_PAREN, start);
            case '[':
                return single(TokenType.LEFT_BRACKET, start);
            case ']':
                return single(TokenType.RIGHT_BRACKET, start);
            case '=':
                return single(TokenType.EQUAL, start);
            case '+':
                return single(TokenType.PLUS, start);
            case '-':
                return single(TokenType.MINUS, start);
            case '/':
                return single(TokenType.SLASH, start);
            case '%':
                return single(TokenType.PERCENT, start);
            case '!':
                if (peek(1) == '=') {
                    return pair(TokenType.NOT_EQUAL, start);
                }
                throw error(start, "Unexpected character '!': use != or <> for 'not equal' and NOT for negation");
            case '<':
                if (peek(1) == '=') {
                    return pair(TokenType.LESS_OR_EQUAL, start);
                }
                if (peek(1) == '>') {
                    return pair(TokenType.NOT_EQUAL, start);
                }
                return single(TokenType.LESS, start);
            case '>':
                if (peek(1) == '=') {
                    return pair(TokenType.GREATER_OR_EQUAL, start);
                }
                return single(TokenType.GREATER, start);
            default:
                throw error(start, "Unexpected character '" + new String(Character.toChars(text.codePointAt(index)))
                        + "'");
        }
    }

    private void skipBlanksAndComments() {
        while (index < text.length()) {
            char c = text.charAt(index);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '/' && peek(1) == '*') {
                SourcePosition start = here();
                advance();
                advance();
                while (!(peek(0) == '*' && peek(1) == '/')) {
                    if (index >= text.length()) {
                        throw error(start, "Unterminated comment: /* needs a closing */");
                    }
                    advance();
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    /** PostgreSQL text and jsonb cannot hold U+0000, so such a constant could only fail in the database. */
    private static final String NUL_IN_STRING = "A string may not hold the NUL character (U+0000)";

    private Token string(SourcePosition start, char quote) {
        advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (index >= text.length()) {
                throw error(start, "Unterminated string: it needs a closing " + quote);
            }
            char c = text.charAt(index);
            if (c == quote) {
                advance();
                requireWholeCharacters(value, start);
                return new Token(TokenType.STRING, value.toString(), null, start);
            }
            if (c == '\\') {
                SourcePosition escapeStart = here();
                advance();
                char escaped = escape(escapeStart);
                if (escaped == '\0') {
                    throw error(escapeStart, NUL_IN_STRING);
                }
                value.append(escaped);
            } else if (c == '\0') {
                throw error(here(), NUL_IN_STRING);
            } else {
                value.append(c);
                advance();
            }
        }
    }

    private char escape(SourcePosition escapeStart) {
        if (index >= text.length()) {
            throw error(escapeStart, "Unterminated string: it ends inside an escape sequence");
        }
        char c = text.charAt(index);
        advance();
        switch (c) {
            case '\'':
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = index < text.length() ? Character.digit(text.charAt(index), 16) : -1;
                    if (digit < 0) {
                        throw error(escapeStart, "\\u must be followed by four hexadecimal digits");
                    }
                    code = code * 16 + digit;
                    advance();
                }
                return (char) code;
            default:
                throw error(escapeStart, "Unknown escape sequence \\" + c
                        + " (allowed: \\' \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private Token number(SourcePosition start) {
        int from = index;
        BigDecimal value;
        if (text.charAt(index) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            advance();
            advance();
            int digitsFrom = index;
            while (index < text.length() && Character.digit(text.charAt(index), 16) >= 0) {
                advance();
            }
            if (index == digitsFrom) {
                throw error(start, "Malformed number: 0x must be followed by hexadecimal digits");
            }
            BigInteger hex = new BigInteger(text.substring(digitsFrom, index), 16);
            if (hex.bitLength() > 63) {
                throw error(start, "Number out of range: " + text.substring(from, index));
            }
            value = new BigDecimal(hex);
        } else {
            skipDigits();
            if (peek(0) == '.' && isDigit(peek(1))) {
                advance();
                skipDigits();
            }
            if (peek(0) == 'e' || peek(0) == 'E') {
                int signOffset = peek(1) == '+' || peek(1) == '-' ? 2 : 1;
                if (!isDigit(peek(signOffset))) {
                    throw error(start, "Malformed number: an exponent needs digits");
                }
                for (int i = 0; i < signOffset; i++) {
                    advance();
                }
                skipDigits();
            }
            try {
                value = new BigDecimal(text.substring(from, index));
            } catch (NumberFormatException e) {
                // an exponent beyond BigDecimal's int scale (1e3089223372036854775807)
                throw error(start, "Number out of range: " + text.substring(from, index));
            }
            double asDouble = value.doubleValue();
            if (Double.isInfinite(asDouble) || (asDouble == 0 && value.signum() != 0)) {
                // too large, or so small a double rounds it to zero (PostgreSQL's numeric could not take it either)
                throw error(start, "Number out of range: " + text.substring(from, index));
            }
        }
        if (index < text.length() && (isNameStart(text.charAt(index)) || isDigit(text.charAt(index)))) {
            throw error(start, "Malformed number: " + text.substring(from, index + 1));
        }
        return new Token(TokenType.NUMBER, text.substring(from, index), value, start);
    }

    private Token word(SourcePosition start) {
        int from = index;
        if (text.charAt(index) == '$') {
            advance();
            if (index >= text.length() || !isNameStart(text.charAt(index))) {
                throw error(start, "Unexpected character '$': a name may start with $ only when a letter follows");
            }
        }
        while (index < text.length() && isNamePart(text.charAt(index))) {
            advance();
        }
        return new Token(TokenType.WORD, text.substring(from, index), null, start);
    }

    private Token quotedName(SourcePosition start) {
        advance();
        advance();
        int from = index;
        while (!(peek(0) == ']' && peek(1) == ']')) {
            if (index >= text.length()) {
                throw error(start, "Unterminated name: [[ needs a closing ]]");
            }
            char c = text.charAt(index);
            if (Character.isISOControl(c) || c == '[' || c == ']') {
                throw error(here(), "A [[ ]] name cannot contain brackets or control characters");
            }
            advance();
        }
        String name = text.substring(from, index);
        requireWholeCharacters(name, start);
        if (name.isEmpty()) {
            throw error(start, "Empty name: [[ ]] must enclose a property name");
        }
        advance();
        advance();
        return new Token(TokenType.QUOTED_NAME, name, null, start);
    }

    /**
     * A lone UTF-16 surrogate (raw, or an escape like \ud83d without its pair) is no character: it has no UTF-8 form,
     * so PostgreSQL would refuse the bound value.
     */
    private void requireWholeCharacters(CharSequence value, SourcePosition start) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error(start, "A string or name may not hold a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + "): it is not a character");
            }
        }
    }

    private Token single(TokenType type, SourcePosition start) {
        String lexeme = text.substring(index, index + 1);
        advance();
        return new Token(type, lexeme, null, start);
    }

    private Token pair(TokenType type, SourcePosition start) {
        String lexeme = text.substring(index, index + 2);
        advance();
        advance();
        return new Token(type, lexeme, null, start);
    }

    private void skipDigits() {
        while (index < text.length() && isDigit(text.charAt(index))) {
            advance();
        }
    }

    private void advance() {
        char c = text.charAt(index++);
        // \r\n is one line break; so are a lone \r and a lone \n.
        if (c == '\n' || (c == '\r' && peek(0) != '\n')) {
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    private char peek(int offset) {
        int at = index + offset;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private SourcePosition here() {
        return new SourcePosition(line, column);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static TwinQueryException error(SourcePosition at, String message) {
        return new TwinQueryException(TwinQueryErrorCodes.SYNTAX, message, at.line(), at.column());
    }
}
