package io.vigil.query.kql.syntax;

/**
 * One token of the query text.
 *
 * @param kind     what it is
 * @param text     identifier or punctuation text; the type word of a typed literal; the source text otherwise
 * @param value    decoded value: String for strings and typed-literal content, Long for longs and timespans (ticks),
 *                 Double for reals, null otherwise
 * @param position where it starts
 * @param end      offset just past its last character (adjacency checks: {@code project-away}, {@code !contains})
 */
public record Token(TokenKind kind, String text, Object value, Position position, int end) {

    public boolean isPunctuation(String punctuation) {
        return kind == TokenKind.PUNCTUATION && text.equals(punctuation);
    }

    public boolean isIdentifier(String word) {
        return kind == TokenKind.IDENTIFIER && text.equals(word);
    }

    /** Whether {@code next} starts right where this token ends, with nothing in between. */
    public boolean touches(Token next) {
        return end == next.position().offset();
    }

    /** How an error message names this token: {@code 'where'}, {@code string literal}, {@code end of query}. */
    public String describe() {
        switch (kind) {
            case END:
                return "end of query";
            case STRING:
                return "string literal";
            default:
                return "'" + text + "'";
        }
    }
}
