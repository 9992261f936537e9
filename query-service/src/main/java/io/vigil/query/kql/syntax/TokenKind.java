package io.vigil.query.kql.syntax;

/** The kinds of token the lexer produces. Keywords are identifiers: KQL reserves few words and the parser decides. */
public enum TokenKind {
    IDENTIFIER,
    /** A string literal; adjacent ones are joined by the parser. */
    STRING,
    LONG,
    REAL,
    /** {@code 7d}, {@code 1.5h}, {@code 30min}: value is the tick count. */
    TIMESPAN,
    /** {@code datetime(...)}, {@code timespan(...)}, {@code guid(...)}: text is the type word, value the raw content. */
    TYPED_LITERAL,
    PUNCTUATION,
    END
}
