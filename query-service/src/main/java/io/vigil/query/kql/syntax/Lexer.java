package io.vigil.query.kql.syntax;

import io.vigil.query.kql.KqlErrorCodes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits KQL text into tokens, with positions. Comments ({@code //} to the end of the line) and whitespace are
 * dropped. Keywords stay identifiers (KQL keywords are lower-case and case-sensitive; the parser matches them
 * exactly, so {@code WHERE} is simply not an operator).
 */
public final class Lexer {

    /** Longest first, so that {@code ==} wins over {@code =}. */
    private static final String[] PUNCTUATION = {
        "==", "!=", "<>", "<=", ">=", "=~", "!~", "..",
        "|", ";", ",", "(", ")", "[", "]", "{", "}", ".", ":", "=", "<", ">", "+", "-", "*", "/", "%", "!", "~"
    };

    /** Words whose parenthesised content is not KQL tokens but literal text: {@code datetime(2020-01-01 10:00)}. */
    private static final Set<String> RAW_LITERAL_TYPES = Set.of("datetime", "date", "timespan", "time", "guid");

    private final String text;
    private final int[] lineStarts;
    private int offset;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    public static List<Token> tokenize(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipWhitespaceAndComments();
            if (offset >= text.length()) {
                tokens.add(new Token(TokenKind.END, "", null, positionOf(offset), offset));
                return;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        Token token = nextToken();
        if (token.kind() == TokenKind.STRING && ((String) token.value()).indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; KQL strings in practice never do.
            throw token.position().error(KqlErrorCodes.LITERAL, "a string cannot contain the NUL character");
        }
        return token;
    }

    private Token nextToken() {
        int start = offset;
        char c = text.charAt(offset);
        if (c == '"' || c == '\'') {
            return quotedString(start, start);
        }
        if (c == '@' && offset + 1 < text.length() && isQuote(text.charAt(offset + 1))) {
            return verbatimString(start, start + 1);
        }
        if ((c == '`' || c == '~') && text.startsWith(String.valueOf(c).repeat(3), offset)) {
            return multiLineString(start, String.valueOf(c).repeat(3));
        }
        if (isTypographicQuote(c)) {
            return typographicString(start);
        }
        if (isDigit(c)) {
            return number(start);
        }
        if (isIdentifierStart(c)) {
            return identifierOrPrefixedLiteral(start);
        }
        for (String punctuation : PUNCTUATION) {
            if (text.startsWith(punctuation, offset)) {
                offset += punctuation.length();
                return new Token(TokenKind.PUNCTUATION, punctuation, null, positionOf(start), offset);
            }
        }
        throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unexpected character '" + printable(c) + "'");
    }

    private Token identifierOrPrefixedLiteral(int start) {
        offset++;
        while (offset < text.length() && isIdentifierPart(text.charAt(offset))) {
            offset++;
        }
        String word = text.substring(start, offset);
        // h"..." and h@"..." are obfuscated strings: same value, only hidden from logs.
        if ((word.equals("h") || word.equals("H")) && offset < text.length()) {
            char c = text.charAt(offset);
            if (isQuote(c)) {
                return quotedString(start, offset);
            }
            if (c == '@' && offset + 1 < text.length() && isQuote(text.charAt(offset + 1))) {
                return verbatimString(start, offset + 1);
            }
        }
        if (RAW_LITERAL_TYPES.contains(word)) {
            int open = skipSpaces(offset);
            if (open < text.length() && text.charAt(open) == '(') {
                int close = text.indexOf(')', open + 1);
                if (close < 0) {
                    throw positionOf(open).error(KqlErrorCodes.SYNTAX, word + "( literal has no closing ')'");
                }
                offset = close + 1;
                return new Token(TokenKind.TYPED_LITERAL, word, text.substring(open + 1, close).trim(),
                        positionOf(start), offset);
            }
        }
        return new Token(TokenKind.IDENTIFIER, word, null, positionOf(start), offset);
    }

    private Token number(int start) {
        if (text.startsWith("0x", offset) || text.startsWith("0X", offset)) {
            offset += 2;
            int digits = offset;
            while (offset < text.length() && Character.digit(text.charAt(offset), 16) >= 0) {
                offset++;
            }
            if (digits == offset) {
                throw positionOf(start).error(KqlErrorCodes.SYNTAX, "hexadecimal literal without digits");
            }
            try {
                long value = Long.parseUnsignedLong(text.substring(digits, offset), 16);
                return checkNumberEnd(new Token(TokenKind.LONG, text.substring(start, offset), value, positionOf(start), offset));
            } catch (NumberFormatException e) {
                throw positionOf(start).error(KqlErrorCodes.LITERAL, "hexadecimal literal does not fit in a long");
            }
        }
        boolean real = false;
        skipDigits();
        if (offset + 1 < text.length() && text.charAt(offset) == '.' && isDigit(text.charAt(offset + 1))) {
            real = true;
            offset++;
            skipDigits();
        }
        if (offset < text.length() && (text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
            int exponent = offset + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                real = true;
                offset = exponent;
                skipDigits();
            }
        }
        String number = text.substring(start, offset);
        if (offset < text.length() && isIdentifierStart(text.charAt(offset))) {
            int unitStart = offset;
            while (offset < text.length() && Character.isLetter(text.charAt(offset))) {
                offset++;
            }
            String unit = text.substring(unitStart, offset);
            if (!TimespanUnits.isUnit(unit) || number.contains("e") || number.contains("E")) {
                throw positionOf(start).error(KqlErrorCodes.SYNTAX,
                        "'" + number + unit + "' is neither a number nor a timespan (units: d, h, m, s, ms, microsecond, tick, ...)");
            }
            try {
                long ticks = TimespanUnits.ticks(new BigDecimal(number), unit);
                return checkNumberEnd(new Token(TokenKind.TIMESPAN, number + unit, ticks, positionOf(start), offset));
            } catch (ArithmeticException e) {
                throw positionOf(start).error(KqlErrorCodes.LITERAL, "timespan " + number + unit + " is out of range");
            }
        }
        if (real) {
            double value = Double.parseDouble(number);
            if (Double.isInfinite(value)) {
                throw positionOf(start).error(KqlErrorCodes.LITERAL, "real literal " + number + " is out of range");
            }
            return checkNumberEnd(new Token(TokenKind.REAL, number, value, positionOf(start), offset));
        }
        try {
            return checkNumberEnd(new Token(TokenKind.LONG, number, Long.parseLong(number), positionOf(start), offset));
        } catch (NumberFormatException e) {
            throw positionOf(start).error(KqlErrorCodes.LITERAL, "integer literal " + number + " does not fit in a long");
        }
    }

    /** {@code 12abc} or {@code 3_x}: a number glued to a name is a mistake, not two tokens. */
    private Token checkNumberEnd(Token token) {
        if (offset < text.length() && (isIdentifierPart(text.charAt(offset)))) {
            throw token.position().error(KqlErrorCodes.SYNTAX,
                    "unexpected '" + printable(text.charAt(offset)) + "' after number " + token.text());
        }
        return token;
    }

    private Token quotedString(int start, int quoteAt) {
        char quote = text.charAt(quoteAt);
        StringBuilder value = new StringBuilder();
        int i = quoteAt + 1;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unterminated string literal");
            }
            char c = text.charAt(i);
            if (c == quote) {
                offset = i + 1;
                return new Token(TokenKind.STRING, text.substring(start, offset), value.toString(), positionOf(start), offset);
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unterminated string literal");
                }
                char escaped = text.charAt(i + 1);
                switch (escaped) {
                    case '"':
                    case '\'':
                    case '\\':
                    case '/':
                        value.append(escaped);
                        break;
                    case 't':
                        value.append('\t');
                        break;
                    case 'n':
                        value.append('\n');
                        break;
                    case 'r':
                        value.append('\r');
                        break;
                    case 'b':
                        value.append('\b');
                        break;
                    case 'f':
                        value.append('\f');
                        break;
                    case 'u':
                        if (i + 6 > text.length() || !text.substring(i + 2, i + 6).matches("[0-9a-fA-F]{4}")) {
                            throw positionOf(i).error(KqlErrorCodes.SYNTAX, "\\u must be followed by 4 hexadecimal digits");
                        }
                        value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        i += 4;
                        break;
                    default:
                        throw positionOf(i).error(KqlErrorCodes.SYNTAX, "unknown escape sequence \\" + printable(escaped));
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
    }

    /**
     * A string between typographic quotes ({@code “…”} or {@code ‘…’}), as rendered documentation prints the queries
     * that operators paste. Read like a verbatim string: no escapes, ends at the next quote of the same family.
     */
    private Token typographicString(int start) {
        boolean doubleFamily = text.charAt(start) == '\u201C' || text.charAt(start) == '\u201D';
        for (int i = start + 1; i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r'; i++) {
            char c = text.charAt(i);
            boolean closes = doubleFamily ? (c == '\u201C' || c == '\u201D') : (c == '\u2018' || c == '\u2019');
            if (closes) {
                offset = i + 1;
                return new Token(TokenKind.STRING, text.substring(start, offset), text.substring(start + 1, i),
                        positionOf(start), offset);
            }
        }
        throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unterminated string literal");
    }

    private static boolean isTypographicQuote(char c) {
        return c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019';
    }

    /** {@code @"C:\path"}: no escapes; a doubled quote stands for one. */
    private Token verbatimString(int start, int quoteAt) {
        char quote = text.charAt(quoteAt);
        StringBuilder value = new StringBuilder();
        int i = quoteAt + 1;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unterminated string literal");
            }
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                offset = i + 1;
                return new Token(TokenKind.STRING, text.substring(start, offset), value.toString(), positionOf(start), offset);
            }
            value.append(c);
            i++;
        }
    }

    private Token multiLineString(int start, String fence) {
        int close = text.indexOf(fence, start + 3);
        if (close < 0) {
            throw positionOf(start).error(KqlErrorCodes.SYNTAX, "unterminated " + fence + " string literal");
        }
        offset = close + 3;
        return new Token(TokenKind.STRING, text.substring(start, offset), text.substring(start + 3, close),
                positionOf(start), offset);
    }

    private void skipWhitespaceAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF') {
                offset++;
            } else if (text.startsWith("//", offset)) {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    offset++;
                }
            } else {
                return;
            }
        }
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private void skipDigits() {
        while (offset < text.length() && isDigit(text.charAt(offset))) {
            offset++;
        }
    }

    Position positionOf(int at) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= at) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return new Position(low + 1, at - lineStarts[low] + 1, at);
    }

    /** Position of a character offset in {@code text}, for errors found before tokenizing (length limit). */
    public static Position positionIn(String text, int offset) {
        return new Lexer(text).positionOf(offset);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isIdentifierPart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
