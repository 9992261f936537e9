package io.vigil.twin.query.syntax;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One token.
 *
 * @param type     its kind
 * @param text     the name (WORD, QUOTED_NAME without brackets), the decoded value (STRING), or the source text
 * @param number   the value of a NUMBER token, else {@code null}
 * @param position where it starts
 */
public record Token(TokenType type, String text, BigDecimal number, SourcePosition position) {

    /** Whether this is the given keyword, ignoring case (keywords are case-insensitive). */
    public boolean isKeyword(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    /** How to show the token in an error message. */
    public String describe() {
        switch (type) {
            case END:
                return "the end of the query";
            case STRING:
                return "the string '" + text + "'";
            case QUOTED_NAME:
                return "[[" + text + "]]";
            default:
                return "'" + text + "'";
        }
    }

    String lowerText() {
        return text.toLowerCase(Locale.ROOT);
    }
}
