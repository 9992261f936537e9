package io.vigil.twin.query.syntax;

import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.syntax.ExpressionNode.BinaryOperator;
import io.vigil.twin.query.syntax.ExpressionNode.LiteralKind;
import io.vigil.twin.query.syntax.ExpressionNode.LogicalOperator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recursive-descent parser of the twin query grammar:
 * <pre>
 * query      := SELECT [TOP n | TOP (n)] ('*' | item (',' item)*) FROM collection [WHERE expr] [GROUP BY path]
 * item       := expr [AS name]
 * collection := devices | devices.modules | devices.jobs
 * expr       := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | comparison
 * comparison := additive [(= | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) additive | (IN | NIN) '[' expr, ... ']']
 * additive   := multiplicative (('+' | '-') multiplicative)*
 * multiplicative := unary (('*' | '/' | '%') unary)*
 * unary      := '-' unary | primary
 * primary    := literal | path | name '(' [expr (',' expr)*] ')' | '(' expr ')' | '[' expr, ... ']'
 * path       := name ('.' name)*     name := word | [[anything]]
 * </pre>
 * Keywords are case-insensitive. Reserved words cannot be bare property names (IoT Hub rejects
 * {@code tags.group.x}; {@code tags.[[group]].x} works). Select items are parsed as general expressions so that the
 * analyzer can explain what may be selected.
 */
public final class Parser {

    /** Deepest nesting of parentheses, calls, NOT, unary minus and arithmetic chains accepted. */
    public static final int MAX_DEPTH = 100;

    private static final Set<String> RESERVED = Set.of("select", "from", "where", "group", "by", "order", "as",
            "and", "or", "not", "in", "nin", "top", "true", "false", "null", "undefined");

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static ParsedQuery parse(String text) {
        return new Parser(new Lexer(text).tokenize()).query();
    }

    /** Whether a word needs [[ ]] to be used as a property name. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }

    private ParsedQuery query() {
        if (!current().isKeyword("SELECT")) {
            throw syntax(current(), "A query starts with SELECT, found " + current().describe());
        }
        advance();
        OptionalLong top = top();
        boolean selectAll = false;
        List<ParsedQuery.SelectItem> items = new ArrayList<>();
        if (current().type() == TokenType.STAR) {
            advance();
            selectAll = true;
        } else {
            items.add(selectItem());
            while (current().type() == TokenType.COMMA) {
                advance();
                items.add(selectItem());
            }
        }
        if (!current().isKeyword("FROM")) {
            throw syntax(current(), selectAll
                    ? "Expected FROM after SELECT *, found " + current().describe()
                    : "Expected ',' or FROM after a selected item, found " + current().describe());
        }
        advance();
        ParsedQuery.CollectionName from = collection();
        Optional<ExpressionNode> where = Optional.empty();
        if (current().isKeyword("WHERE")) {
            advance();
            where = Optional.of(expression());
        }
        Optional<ExpressionNode.Path> groupBy = Optional.empty();
        if (current().isKeyword("GROUP")) {
            advance();
            expectKeyword("BY", "GROUP must be followed by BY");
            groupBy = Optional.of(groupingPath());
        }
        if (current().isKeyword("ORDER")) {
            throw new TwinQueryException(TwinQueryErrorCodes.UNSUPPORTED,
                    "ORDER BY is not supported by twin queries; results come ordered by device id and module id",
                    current().position().line(), current().position().column());
        }
        if (current().isKeyword("JOIN")) {
            throw new TwinQueryException(TwinQueryErrorCodes.UNSUPPORTED,
                    "Joins are not supported: devices and devices.modules are queried separately",
                    current().position().line(), current().position().column());
        }
        if (current().type() != TokenType.END) {
            throw syntax(current(), "Unexpected " + current().describe() + after(where, groupBy));
        }
        return new ParsedQuery(top, selectAll, List.copyOf(items), from, where, groupBy);
    }

    private static String after(Optional<ExpressionNode> where, Optional<ExpressionNode.Path> groupBy) {
        if (groupBy.isPresent()) {
            return ": GROUP BY takes a single property and ends the query";
        }
        if (where.isPresent()) {
            return ": expected AND, OR, an operator, GROUP BY or the end of the query";
        }
        return ": expected WHERE, GROUP BY or the end of the query";
    }

    private OptionalLong top() {
        if (!current().isKeyword("TOP")) {
            return OptionalLong.empty();
        }
        advance();
        boolean parenthesized = current().type() == TokenType.LEFT_PAREN;
        if (parenthesized) {
            advance();
        }
        Token count = current();
        if (count.type() != TokenType.NUMBER || !isWholeNonNegative(count.number())) {
            throw syntax(count, "TOP takes a whole number of items, found " + count.describe());
        }
        advance();
        if (parenthesized) {
            expect(TokenType.RIGHT_PAREN, "Expected ')' after the TOP count");
        }
        return OptionalLong.of(count.number().longValueExact());
    }

    private static boolean isWholeNonNegative(BigDecimal number) {
        try {
            return number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0 && number.longValueExact() >= 0;
        } catch (ArithmeticException tooLarge) {
            return false;
        }
    }

    private ParsedQuery.SelectItem selectItem() {
        ExpressionNode expression = expression();
        Optional<ParsedQuery.Alias> alias = Optional.empty();
        if (current().isKeyword("AS")) {
            advance();
            Token name = current();
            if (name.type() == TokenType.QUOTED_NAME || (name.type() == TokenType.WORD && !isReserved(name.text()))) {
                advance();
                alias = Optional.of(new ParsedQuery.Alias(name.text(), name.position()));
            } else {
                throw syntax(name, "Expected a name after AS, found " + name.describe()
                        + (name.type() == TokenType.WORD ? " (a reserved word: write [[" + name.text() + "]])" : ""));
            }
        }
        return new ParsedQuery.SelectItem(expression, alias);
    }

    private ParsedQuery.CollectionName collection() {
        Token first = current();
        if (first.type() != TokenType.WORD) {
            throw syntax(first, "Expected a collection after FROM (devices, devices.modules or devices.jobs), found "
                    + first.describe());
        }
        advance();
        String name = first.lowerText();
        if (name.equals("devices") && current().type() == TokenType.DOT) {
            advance();
            Token second = current();
            if (second.type() != TokenType.WORD) {
                throw syntax(second, "Expected modules or jobs after 'devices.', found " + second.describe());
            }
            advance();
            name = name + "." + second.lowerText();
        }
        if (!name.equals("devices") && !name.equals("devices.modules") && !name.equals("devices.jobs")) {
            throw new TwinQueryException(TwinQueryErrorCodes.UNKNOWN_COLLECTION, "Unknown collection '"
                    + name + "': twin queries read devices, devices.modules or devices.jobs",
                    first.position().line(), first.position().column());
        }
        return new ParsedQuery.CollectionName(name, first.position());
    }

    private ExpressionNode.Path groupingPath() {
        Token start = current();
        if (start.type() != TokenType.QUOTED_NAME && start.type() != TokenType.WORD) {
            throw syntax(start, "GROUP BY takes a property, found " + start.describe());
        }
        return path();
    }

    private ExpressionNode expression() {
        ExpressionNode first = conjunction();
        if (!current().isKeyword("OR")) {
            return first;
        }
        SourcePosition position = current().position();
        List<ExpressionNode> operands = new ArrayList<>();
        operands.add(first);
        while (current().isKeyword("OR")) {
            advance();
            operands.add(conjunction());
        }
        return new ExpressionNode.Logical(LogicalOperator.OR, List.copyOf(operands), position);
    }

    private ExpressionNode conjunction() {
        ExpressionNode first = negation();
        if (!current().isKeyword("AND")) {
            return first;
        }
        SourcePosition position = current().position();
        List<ExpressionNode> operands = new ArrayList<>();
        operands.add(first);
        while (current().isKeyword("AND")) {
            advance();
            operands.add(negation());
        }
        return new ExpressionNode.Logical(LogicalOperator.AND, List.copyOf(operands), position);
    }

    private ExpressionNode negation() {
        if (!current().isKeyword("NOT")) {
            return comparison();
        }
        SourcePosition position = current().position();
        advance();
        enter();
        ExpressionNode operand = negation();
        exit(1);
        return new ExpressionNode.Not(operand, position);
    }

    private ExpressionNode comparison() {
        ExpressionNode left = additive();
        BinaryOperator operator = comparisonOperator(current().type());
        if (operator != null) {
            SourcePosition position = current().position();
            advance();
            return new ExpressionNode.Binary(operator, left, additive(), position);
        }
        if (current().isKeyword("IN") || current().isKeyword("NIN")) {
            boolean negated = current().isKeyword("NIN");
            Token keyword = current();
            advance();
            if (current().type() != TokenType.LEFT_BRACKET) {
                throw syntax(current(), keyword.text().toUpperCase(Locale.ROOT)
                        + " takes a list in square brackets, e.g. IN ['wired', 'wifi'], found " + current().describe());
            }
            List<ExpressionNode> list = bracketedList();
            return new ExpressionNode.In(left, list, negated, keyword.position());
        }
        if (current().isKeyword("NOT") && peek(1).isKeyword("IN")) {
            throw syntax(current(), "NOT IN is written NIN in twin queries: x NIN ['a', 'b']");
        }
        return left;
    }

    private static BinaryOperator comparisonOperator(TokenType type) {
        switch (type) {
            case EQUAL:
                return BinaryOperator.EQUAL;
            case NOT_EQUAL:
                return BinaryOperator.NOT_EQUAL;
            case LESS:
                return BinaryOperator.LESS;
            case LESS_OR_EQUAL:
                return BinaryOperator.LESS_OR_EQUAL;
            case GREATER:
                return BinaryOperator.GREATER;
            case GREATER_OR_EQUAL:
                return BinaryOperator.GREATER_OR_EQUAL;
            default:
                return null;
        }
    }

    private ExpressionNode additive() {
        ExpressionNode left = multiplicative();
        int chained = 0;
        while (current().type() == TokenType.PLUS || current().type() == TokenType.MINUS) {
            BinaryOperator operator = current().type() == TokenType.PLUS ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            SourcePosition position = current().position();
            advance();
            enter();
            chained++;
            left = new ExpressionNode.Binary(operator, left, multiplicative(), position);
        }
        exit(chained);
        return left;
    }

    private ExpressionNode multiplicative() {
        ExpressionNode left = unary();
        int chained = 0;
        while (true) {
            BinaryOperator operator;
            switch (current().type()) {
                case STAR:
                    operator = BinaryOperator.MULTIPLY;
                    break;
                case SLASH:
                    operator = BinaryOperator.DIVIDE;
                    break;
                case PERCENT:
                    operator = BinaryOperator.REMAINDER;
                    break;
                default:
                    exit(chained);
                    return left;
            }
            SourcePosition position = current().position();
            advance();
            enter();
            chained++;
            left = new ExpressionNode.Binary(operator, left, unary(), position);
        }
    }

    private ExpressionNode unary() {
        if (current().type() != TokenType.MINUS) {
            return primary();
        }
        SourcePosition position = current().position();
        advance();
        enter();
        ExpressionNode operand = unary();
        exit(1);
        if (operand instanceof ExpressionNode.Literal
                && ((ExpressionNode.Literal) operand).kind() == LiteralKind.NUMBER) {
            // -60 is a constant, not an operation: keeps constants typed and bindable as one value.
            BigDecimal value = (BigDecimal) ((ExpressionNode.Literal) operand).value();
            return new ExpressionNode.Literal(LiteralKind.NUMBER, value.negate(), position);
        }
        return new ExpressionNode.Minus(operand, position);
    }

    private ExpressionNode primary() {
        Token token = current();
        switch (token.type()) {
            case NUMBER:
                advance();
                return new ExpressionNode.Literal(LiteralKind.NUMBER, token.number(), token.position());
            case STRING:
                advance();
                return new ExpressionNode.Literal(LiteralKind.STRING, token.text(), token.position());
            case LEFT_PAREN:
                advance();
                enter();
                ExpressionNode inner = expression();
                expect(TokenType.RIGHT_PAREN, "Expected ')' to close the '(' at line " + token.position().line()
                        + ", column " + token.position().column());
                exit(1);
                return inner;
            case LEFT_BRACKET:
                return new ExpressionNode.ArrayLiteral(bracketedList(), token.position());
            case QUOTED_NAME:
                return path();
            case WORD:
                return wordExpression(token);
            default:
                throw syntax(token, "Expected a value, a property or a function, found " + token.describe());
        }
    }

    private ExpressionNode wordExpression(Token token) {
        switch (token.lowerText()) {
            case "true":
            case "false":
                advance();
                return new ExpressionNode.Literal(LiteralKind.BOOLEAN, token.lowerText().equals("true"),
                        token.position());
            case "null":
                advance();
                return new ExpressionNode.Literal(LiteralKind.NULL, null, token.position());
            case "undefined":
                advance();
                return new ExpressionNode.Literal(LiteralKind.UNDEFINED, null, token.position());
            default:
                break;
        }
        if (peek(1).type() == TokenType.LEFT_PAREN) {
            return call(token);
        }
        if (isReserved(token.text())) {
            throw syntax(token, "Unexpected keyword " + token.text().toUpperCase(Locale.ROOT)
                    + ": expected a value, a property or a function (a property with this name is written [["
                    + token.text() + "]])");
        }
        return path();
    }

    private ExpressionNode call(Token name) {
        advance();
        advance();
        enter();
        List<ExpressionNode> arguments = new ArrayList<>();
        if (current().type() != TokenType.RIGHT_PAREN) {
            arguments.add(expression());
            while (current().type() == TokenType.COMMA) {
                advance();
                arguments.add(expression());
            }
        }
        expect(TokenType.RIGHT_PAREN, "Expected ',' or ')' in the arguments of " + name.text());
        exit(1);
        return new ExpressionNode.Call(name.text(), List.copyOf(arguments), name.position());
    }

    private ExpressionNode.Path path() {
        Token first = current();
        List<PathSegment> segments = new ArrayList<>();
        segments.add(segment(first));
        while (current().type() == TokenType.DOT) {
            advance();
            Token next = current();
            if (next.type() != TokenType.WORD && next.type() != TokenType.QUOTED_NAME) {
                throw syntax(next, "Expected a property name after '.', found " + next.describe()
                        + " (names with other characters are written [[name]])");
            }
            segments.add(segment(next));
        }
        return new ExpressionNode.Path(List.copyOf(segments), first.position());
    }

    private PathSegment segment(Token token) {
        if (token.type() == TokenType.WORD && isReserved(token.text())) {
            throw syntax(token, "'" + token.text() + "' is a reserved word: write it as [[" + token.text() + "]]");
        }
        advance();
        return new PathSegment(token.text(), token.type() == TokenType.QUOTED_NAME, token.position());
    }

    private List<ExpressionNode> bracketedList() {
        Token open = current();
        advance();
        enter();
        if (current().type() == TokenType.RIGHT_BRACKET) {
            throw syntax(current(), "A list needs at least one element");
        }
        List<ExpressionNode> elements = new ArrayList<>();
        elements.add(expression());
        while (current().type() == TokenType.COMMA) {
            advance();
            elements.add(expression());
        }
        expect(TokenType.RIGHT_BRACKET, "Expected ',' or ']' in the list opened at line " + open.position().line()
                + ", column " + open.position().column());
        exit(1);
        return List.copyOf(elements);
    }

    private void enter() {
        depth++;
        if (depth > MAX_DEPTH) {
            Token at = current();
            throw new TwinQueryException(TwinQueryErrorCodes.TOO_COMPLEX, "The expression nests more than "
                    + MAX_DEPTH + " levels deep", at.position().line(), at.position().column());
        }
    }

    private void exit(int levels) {
        depth -= levels;
    }

    private void expectKeyword(String keyword, String message) {
        if (!current().isKeyword(keyword)) {
            throw syntax(current(), message + ", found " + current().describe());
        }
        advance();
    }

    private void expect(TokenType type, String message) {
        if (current().type() != type) {
            throw syntax(current(), message + ", found " + current().describe());
        }
        advance();
    }

    private Token current() {
        return tokens.get(index);
    }

    private Token peek(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private void advance() {
        if (index < tokens.size() - 1) {
            index++;
        }
    }

    private static TwinQueryException syntax(Token at, String message) {
        return new TwinQueryException(TwinQueryErrorCodes.SYNTAX, message, at.position().line(),
                at.position().column());
    }
}
