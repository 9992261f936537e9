package io.vigil.twin.query.syntax;

/** Kinds of lexical tokens. Keywords are {@link #WORD}s: which words are keywords depends on where they stand. */
public enum TokenType {
    /** A bare name: letters, digits and underscores, not starting with a digit, optionally after one {@code $}. */
    WORD,
    /** A name in double brackets, {@code [[firmware-update]]}: never a keyword, may hold any character. */
    QUOTED_NAME,
    STRING,
    NUMBER,
    STAR,
    COMMA,
    DOT,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    PLUS,
    MINUS,
    SLASH,
    PERCENT,
    END
}
