package io.vigil.query.kql.syntax;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.KqlException;
import io.vigil.query.kql.syntax.Statement.FunctionDefinition;
import io.vigil.query.kql.syntax.Statement.Let;
import io.vigil.query.kql.syntax.Statement.Parameter;
import io.vigil.query.kql.syntax.Statement.Query;
import io.vigil.query.kql.syntax.TabularOperator.JoinCondition;
import io.vigil.query.kql.syntax.TabularOperator.NamePattern;
import io.vigil.query.kql.syntax.TabularOperator.Rename;
import io.vigil.query.kql.syntax.TabularOperator.SortKey;
import io.vigil.query.kql.types.KqlType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser from tokens to the syntax tree. Operator precedence follows Kusto's grammar (lowest
 * first): {@code or}; {@code and}; equality-level ({@code == != <> in !in in~ !in~ has_any has_all between});
 * relational; additive; multiplicative; string operators ({@code =~ contains has ...}, which bind tighter than
 * arithmetic, a quirk of the official grammar); unary; postfix ({@code .} {@code []} calls).
 */
public final class Parser {

    /** Deeper nesting is rejected, so that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 120;

    /** Operators that exist in KQL but not in this engine: a clear "unsupported" rather than a syntax error. */
    private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("mv-expand", "mv-apply", "parse", "parse-where",
            "parse-kv", "make-series", "lookup", "search", "evaluate", "render", "as", "getschema", "invoke", "fork",
            "facet", "sample", "sample-distinct", "serialize", "partition", "scan", "find", "top-nested",
            "top-hitters", "reduce", "consume", "project-smart", "externaldata", "materialize", "extend-schema");

    private static final Set<String> JOIN_KINDS = Set.of("innerunique", "inner", "leftouter", "rightouter",
            "fullouter", "leftsemi", "leftanti", "anti", "leftantisemi", "rightsemi", "rightanti", "rightantisemi");

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole query: {@code let} statements, one tabular expression, optional trailing semicolons. */
    public static Query parse(String text) {
        return new Parser(Lexer.tokenize(text)).query();
    }

    private Query query() {
        List<Let> lets = new ArrayList<>();
        Expr result = null;
        while (true) {
            while (peek().isPunctuation(";")) {
                advance();
            }
            Token token = peek();
            if (token.kind() == TokenKind.END) {
                break;
            }
            if (result != null) {
                throw token.position().error(KqlErrorCodes.SYNTAX,
                        "unexpected " + token.describe() + ": the tabular expression must be the last statement");
            }
            if (token.isIdentifier("let")) {
                lets.add(let());
                if (peek().kind() == TokenKind.END) {
                    throw peek().position().error(KqlErrorCodes.SYNTAX,
                            "a let statement must be followed by ';' and a tabular expression");
                }
                expectPunctuation(";", "after a let statement");
            } else {
                result = pipeline();
                if (!peek().isPunctuation(";") && peek().kind() != TokenKind.END) {
                    throw unexpected("'|', ';' or the end of the query");
                }
            }
        }
        if (result == null) {
            throw peek().position().error(KqlErrorCodes.SYNTAX, "the query has no tabular expression");
        }
        return new Query(List.copyOf(lets), result);
    }

    private Let let() {
        Token let = advance();
        Token nameToken = peek();
        String name = name("a name after 'let'");
        if (name.startsWith("$")) {
            throw nameToken.position().error(KqlErrorCodes.SYNTAX, "'" + name + "' cannot be declared");
        }
        expectPunctuation("=", "after the let name");
        if (peek().isIdentifier("view") && peek(1).isPunctuation("(")) {
            advance();
            return new Let(let.position(), name, null, functionDefinition());
        }
        if (peek().isPunctuation("(") && looksLikeParameterList()) {
            return new Let(let.position(), name, null, functionDefinition());
        }
        return new Let(let.position(), name, pipeline(), null);
    }

    /** {@code ()} followed by {@code {}}, or {@code (name:} starts a function, anything else an expression. */
    private boolean looksLikeParameterList() {
        if (peek(1).isPunctuation(")")) {
            return peek(2).isPunctuation("{");
        }
        return peek(1).kind() == TokenKind.IDENTIFIER && peek(2).isPunctuation(":");
    }

    private FunctionDefinition functionDefinition() {
        Token open = expectPunctuation("(", "to start the parameter list");
        List<Parameter> parameters = new ArrayList<>();
        if (!peek().isPunctuation(")")) {
            do {
                parameters.add(parameter());
            } while (acceptPunctuation(","));
        }
        expectPunctuation(")", "to end the parameter list");
        expectPunctuation("{", "to start the function body");
        List<Let> lets = new ArrayList<>();
        while (peek().isIdentifier("let")) {
            lets.add(let());
            expectPunctuation(";", "after a let statement");
        }
        Expr body = pipeline();
        while (acceptPunctuation(";")) {
            // a trailing ';' before '}' is tolerated
        }
        expectPunctuation("}", "to end the function body");
        return new FunctionDefinition(open.position(), List.copyOf(parameters), List.copyOf(lets), body);
    }

    private Parameter parameter() {
        Token start = peek();
        String name = name("a parameter name");
        expectPunctuation(":", "after the parameter name");
        if (acceptPunctuation("(")) {
            // tabular parameter: (*) or a column list; the columns are not checked
            int nesting = 1;
            while (nesting > 0) {
                Token token = advance();
                if (token.kind() == TokenKind.END) {
                    throw token.position().error(KqlErrorCodes.SYNTAX, "unterminated tabular parameter type");
                }
                if (token.isPunctuation("(")) {
                    nesting++;
                } else if (token.isPunctuation(")")) {
                    nesting--;
                }
            }
            return new Parameter(start.position(), name, null, true, null);
        }
        KqlType type = typeName();
        Expr defaultValue = null;
        if (acceptPunctuation("=")) {
            defaultValue = unary();
        }
        return new Parameter(start.position(), name, type, false, defaultValue);
    }

    // ---------------------------------------------------------------------------------------------- tabular

    /** A source followed by {@code | operator}s; without operators, just the source (which may be scalar). */
    Expr pipeline() {
        enter();
        Token start = peek();
        Expr source = source();
        List<TabularOperator> operators = new ArrayList<>();
        while (acceptPunctuation("|")) {
            operators.add(operator());
        }
        leave();
        return operators.isEmpty() ? source : new Expr.Pipeline(start.position(), source, List.copyOf(operators));
    }

    private Expr source() {
        Token token = peek();
        if (token.kind() == TokenKind.IDENTIFIER) {
            switch (token.text()) {
                case "datatable":
                    if (peek(1).isPunctuation("(")) {
                        return datatable();
                    }
                    break;
                case "print":
                    advance();
                    return new Expr.Print(token.position(), assignments());
                case "union":
                    advance();
                    return new Expr.Union(token.position(), unionClause());
                case "range":
                    if (peek(1).kind() == TokenKind.IDENTIFIER && peek(2).isIdentifier("from")) {
                        return range();
                    }
                    break;
                default:
                    break;
            }
        }
        return expression();
    }

    private Expr datatable() {
        Token start = advance();
        expectPunctuation("(", "after datatable");
        List<Expr.ColumnDeclaration> columns = new ArrayList<>();
        do {
            Token nameToken = peek();
            String name = name("a column name");
            expectPunctuation(":", "after the column name");
            columns.add(new Expr.ColumnDeclaration(nameToken.position(), name, typeName()));
        } while (acceptPunctuation(","));
        expectPunctuation(")", "to end the datatable columns");
        expectPunctuation("[", "to start the datatable values");
        List<Expr> values = new ArrayList<>();
        while (!peek().isPunctuation("]")) {
            values.add(unary());
            if (!acceptPunctuation(",")) {
                break;
            }
        }
        expectPunctuation("]", "to end the datatable values");
        return new Expr.Datatable(start.position(), List.copyOf(columns), List.copyOf(values));
    }

    private Expr range() {
        Token start = advance();
        String column = name("the range column name");
        expectKeyword("from");
        Expr from = expression();
        expectKeyword("to");
        Expr to = expression();
        expectKeyword("step");
        Expr step = expression();
        return new Expr.Range(start.position(), column, from, to, step);
    }

    private TabularOperator operator() {
        Token start = peek();
        if (start.kind() != TokenKind.IDENTIFIER) {
            throw unexpected("a tabular operator after '|'");
        }
        String name = operatorName();
        switch (name) {
            case "where":
            case "filter":
                return new TabularOperator.Where(start.position(), expression());
            case "project":
                return new TabularOperator.Project(start.position(), assignments());
            case "project-away":
                return new TabularOperator.ProjectAway(start.position(), namePatterns());
            case "project-keep":
                return new TabularOperator.ProjectKeep(start.position(), namePatterns());
            case "project-reorder":
                return new TabularOperator.ProjectReorder(start.position(), namePatterns());
            case "project-rename":
                return new TabularOperator.ProjectRename(start.position(), renames());
            case "extend":
                return new TabularOperator.Extend(start.position(), assignments());
            case "summarize":
                return summarize(start);
            case "take":
            case "limit":
                return new TabularOperator.Take(start.position(), expression());
            case "top":
                return top(start);
            case "sort":
            case "order":
                expectKeyword("by");
                return new TabularOperator.Sort(start.position(), sortKeys());
            case "distinct":
                return distinct(start);
            case "count":
                return new TabularOperator.Count(start.position());
            case "join":
                return join(start);
            case "union":
                return new TabularOperator.UnionWith(start.position(), unionClause());
            default:
                if (UNSUPPORTED_OPERATORS.contains(name)) {
                    throw start.position().error(KqlErrorCodes.UNSUPPORTED, "the '" + name + "' operator is not supported");
                }
                throw start.position().error(KqlErrorCodes.SYNTAX, "unknown tabular operator '" + name + "'"
                        + (name.equals(name.toLowerCase()) ? "" : " (operator names are lower-case)"));
        }
    }

    /** An operator word, joining dash-separated parts written without spaces: {@code project-away}. */
    private String operatorName() {
        Token first = advance();
        StringBuilder name = new StringBuilder(first.text());
        Token last = first;
        while (peek().isPunctuation("-") && last.touches(peek()) && peek(1).kind() == TokenKind.IDENTIFIER
                && peek().touches(peek(1))) {
            advance();
            last = advance();
            name.append('-').append(last.text());
        }
        return name.toString();
    }

    private TabularOperator summarize(Token start) {
        skipHints();
        List<Assignment> aggregates = new ArrayList<>();
        if (!peek().isIdentifier("by")) {
            aggregates = assignments();
        }
        List<Assignment> groups = List.of();
        if (peek().isIdentifier("by")) {
            advance();
            groups = assignments();
        }
        if (aggregates.isEmpty() && groups.isEmpty()) {
            throw start.position().error(KqlErrorCodes.SYNTAX, "summarize needs an aggregation or a 'by' clause");
        }
        return new TabularOperator.Summarize(start.position(), List.copyOf(aggregates), groups);
    }

    private TabularOperator top(Token start) {
        Expr count = expression();
        expectKeyword("by");
        return new TabularOperator.Top(start.position(), count, sortKey());
    }

    private List<SortKey> sortKeys() {
        List<SortKey> keys = new ArrayList<>();
        do {
            keys.add(sortKey());
        } while (acceptPunctuation(","));
        return List.copyOf(keys);
    }

    private SortKey sortKey() {
        Token start = peek();
        Expr expression = expression();
        Boolean descending = null;
        if (peek().isIdentifier("asc")) {
            advance();
            descending = false;
        } else if (peek().isIdentifier("desc")) {
            advance();
            descending = true;
        }
        Boolean nullsFirst = null;
        if (peek().isIdentifier("nulls")) {
            advance();
            if (peek().isIdentifier("first")) {
                nullsFirst = true;
            } else if (peek().isIdentifier("last")) {
                nullsFirst = false;
            } else {
                throw unexpected("'first' or 'last' after 'nulls'");
            }
            advance();
        }
        return new SortKey(start.position(), expression, descending, nullsFirst);
    }

    private TabularOperator distinct(Token start) {
        if (acceptPunctuation("*")) {
            return new TabularOperator.Distinct(start.position(), List.of(), true);
        }
        List<Expr> columns = new ArrayList<>();
        do {
            columns.add(expression());
        } while (acceptPunctuation(","));
        return new TabularOperator.Distinct(start.position(), List.copyOf(columns), false);
    }

    private TabularOperator join(Token start) {
        String kind = null;
        Position kindPosition = null;
        while (true) {
            if (peek().isIdentifier("kind") && peek(1).isPunctuation("=")) {
                Token kindToken = advance();
                advance();
                Token value = advance();
                if (value.kind() != TokenKind.IDENTIFIER || !JOIN_KINDS.contains(value.text())) {
                    throw value.position().error(KqlErrorCodes.SYNTAX, "unknown join kind " + value.describe()
                            + " (innerunique, inner, leftouter, rightouter, fullouter, leftsemi, leftanti, rightsemi, rightanti)");
                }
                kind = value.text();
                kindPosition = kindToken.position();
            } else if (!skipHint()) {
                break;
            }
        }
        Expr right;
        Token rightStart = peek();
        if (rightStart.isPunctuation("(")) {
            advance();
            right = new Expr.Parenthesized(rightStart.position(), pipeline());
            expectPunctuation(")", "to end the right side of the join");
        } else if (rightStart.kind() == TokenKind.IDENTIFIER || rightStart.isPunctuation("[")) {
            right = new Expr.NameRef(rightStart.position(), name("the right side of the join"));
        } else {
            throw unexpected("the right side of the join: a table name or a parenthesised query");
        }
        expectKeyword("on");
        List<JoinCondition> conditions = new ArrayList<>();
        do {
            conditions.add(joinCondition());
        } while (acceptPunctuation(",") || acceptKeyword("and"));
        return new TabularOperator.Join(start.position(), kind, kindPosition, right, List.copyOf(conditions));
    }

    private JoinCondition joinCondition() {
        Token start = peek();
        if (start.isIdentifier("$left") || start.isIdentifier("$right")) {
            String[] first = sideColumn();
            if (!peek().isPunctuation("==")) {
                throw peek().position().error(KqlErrorCodes.SYNTAX, "only equality is allowed in join conditions");
            }
            advance();
            Token secondStart = peek();
            if (!secondStart.isIdentifier("$left") && !secondStart.isIdentifier("$right")) {
                throw unexpected("$left.Column or $right.Column");
            }
            String[] second = sideColumn();
            if (first[0].equals(second[0])) {
                throw secondStart.position().error(KqlErrorCodes.SYNTAX,
                        "a join condition compares a $left column with a $right column");
            }
            return first[0].equals("$left")
                    ? new JoinCondition(start.position(), first[1], second[1])
                    : new JoinCondition(start.position(), second[1], first[1]);
        }
        String column = name("a join column");
        if (peek().isPunctuation("==") || peek().isPunctuation("<") || peek().isPunctuation(">")) {
            throw peek().position().error(KqlErrorCodes.SYNTAX,
                    "join conditions are 'Column' or '$left.A == $right.B'");
        }
        return new JoinCondition(start.position(), column, column);
    }

    private String[] sideColumn() {
        Token side = advance();
        expectPunctuation(".", "after " + side.text());
        return new String[] {side.text(), name("a column name")};
    }

    private UnionClause unionClause() {
        boolean inner = false;
        String withSource = null;
        while (true) {
            if (peek().isIdentifier("kind") && peek(1).isPunctuation("=")) {
                advance();
                advance();
                Token value = advance();
                if (value.isIdentifier("inner")) {
                    inner = true;
                } else if (!value.isIdentifier("outer")) {
                    throw value.position().error(KqlErrorCodes.SYNTAX, "union kind is 'inner' or 'outer'");
                }
            } else if (peek().isIdentifier("withsource") && peek(1).isPunctuation("=")) {
                advance();
                advance();
                withSource = name("the withsource column name");
            } else if (peek().isIdentifier("isfuzzy") && peek(1).isPunctuation("=")) {
                advance();
                advance();
                Token value = advance();
                if (!value.isIdentifier("true") && !value.isIdentifier("false")) {
                    throw value.position().error(KqlErrorCodes.SYNTAX, "isfuzzy is 'true' or 'false'");
                }
            } else if (!skipHint()) {
                break;
            }
        }
        List<Expr> legs = new ArrayList<>();
        do {
            Token start = peek();
            if (start.isPunctuation("(")) {
                advance();
                legs.add(new Expr.Parenthesized(start.position(), pipeline()));
                expectPunctuation(")", "to end the union leg");
            } else if (start.kind() == TokenKind.IDENTIFIER || start.isPunctuation("*")) {
                legs.add(new Expr.NameRef(start.position(), namePattern().pattern()));
            } else if (start.isPunctuation("[")) {
                legs.add(new Expr.NameRef(start.position(), name("a table name")));
            } else {
                throw unexpected("a table name or a parenthesised query");
            }
        } while (acceptPunctuation(","));
        return new UnionClause(inner, withSource, List.copyOf(legs));
    }

    /** {@code hint.strategy = shuffle} and the like: accepted and ignored (PostgreSQL plans on its own). */
    private boolean skipHint() {
        if (peek().isIdentifier("hint") && peek(1).isPunctuation(".")) {
            advance();
            advance();
            name("a hint name");
            expectPunctuation("=", "after the hint name");
            Token value = advance();
            if (value.kind() == TokenKind.END) {
                throw value.position().error(KqlErrorCodes.SYNTAX, "a hint needs a value");
            }
            return true;
        }
        return false;
    }

    private void skipHints() {
        while (skipHint()) {
            // nothing more to do
        }
    }

    private List<Assignment> assignments() {
        List<Assignment> items = new ArrayList<>();
        do {
            items.add(assignment());
        } while (acceptPunctuation(","));
        return List.copyOf(items);
    }

    private Assignment assignment() {
        Token start = peek();
        if (isNameToken(0) && peek(nameLength()).isPunctuation("=")) {
            String name = name("a column name");
            advance();
            return new Assignment(start.position(), List.of(name), expression());
        }
        if (start.isPunctuation("(") && isTupleTarget()) {
            advance();
            List<String> names = new ArrayList<>();
            do {
                names.add(name("a column name"));
            } while (acceptPunctuation(","));
            expectPunctuation(")", "to end the name list");
            expectPunctuation("=", "after the name list");
            return new Assignment(start.position(), List.copyOf(names), expression());
        }
        return new Assignment(start.position(), List.of(), expression());
    }

    /** {@code (A, B) =}: a tuple of names assigned from a multi-column aggregate. */
    private boolean isTupleTarget() {
        int i = 1;
        while (true) {
            if (!isNameToken(i)) {
                return false;
            }
            i += nameLengthAt(i);
            if (peek(i).isPunctuation(",")) {
                i++;
            } else {
                return peek(i).isPunctuation(")") && peek(i + 1).isPunctuation("=");
            }
        }
    }

    private List<NamePattern> namePatterns() {
        List<NamePattern> patterns = new ArrayList<>();
        do {
            patterns.add(namePattern());
        } while (acceptPunctuation(","));
        return List.copyOf(patterns);
    }

    /** A name with {@code *} wildcards glued to it: {@code Remote*}, {@code *Id}, {@code *}. */
    private NamePattern namePattern() {
        Token start = peek();
        if (start.isPunctuation("[")) {
            return new NamePattern(start.position(), name("a column name"));
        }
        StringBuilder pattern = new StringBuilder();
        Token last = null;
        while ((peek().kind() == TokenKind.IDENTIFIER || peek().isPunctuation("*"))
                && (last == null || last.touches(peek()))) {
            last = advance();
            pattern.append(last.text());
        }
        if (last == null) {
            throw unexpected("a column name");
        }
        return new NamePattern(start.position(), pattern.toString());
    }

    private List<Rename> renames() {
        List<Rename> renames = new ArrayList<>();
        do {
            Token start = peek();
            String newName = name("the new column name");
            expectPunctuation("=", "in project-rename (NewName = OldName)");
            String oldName = name("the column to rename");
            renames.add(new Rename(start.position(), newName, oldName));
        } while (acceptPunctuation(","));
        return List.copyOf(renames);
    }

    // ---------------------------------------------------------------------------------------------- scalar

    Expr expression() {
        enter();
        Expr result = or();
        leave();
        return result;
    }

    private Expr or() {
        Expr left = and();
        while (peek().isIdentifier("or")) {
            Token op = advance();
            left = new Expr.Binary(op.position(), BinaryOperator.OR, left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = equality();
        while (peek().isIdentifier("and")) {
            Token op = advance();
            left = new Expr.Binary(op.position(), BinaryOperator.AND, left, equality());
        }
        return left;
    }

    private Expr equality() {
        Expr left = relational();
        while (true) {
            Token token = peek();
            if (token.isPunctuation("==")) {
                advance();
                left = new Expr.Binary(token.position(), BinaryOperator.EQUAL, left, relational());
            } else if (token.isPunctuation("!=") || token.isPunctuation("<>")) {
                advance();
                left = new Expr.Binary(token.position(), BinaryOperator.NOT_EQUAL, left, relational());
            } else if (token.isIdentifier("in")) {
                advance();
                boolean caseInsensitive = acceptTouchingTilde(token);
                left = new Expr.In(token.position(), left, false, caseInsensitive, parenthesisedList("in"));
            } else if (token.isPunctuation("!") && token.touches(peek(1)) && peek(1).isIdentifier("in")) {
                advance();
                Token in = advance();
                boolean caseInsensitive = acceptTouchingTilde(in);
                left = new Expr.In(token.position(), left, true, caseInsensitive, parenthesisedList("!in"));
            } else if (token.isIdentifier("has_any") || token.isIdentifier("has_all")) {
                advance();
                left = new Expr.HasAny(token.position(), left, token.text().equals("has_all"),
                        parenthesisedList(token.text()));
            } else if (token.isIdentifier("between")) {
                advance();
                left = between(token, left, false);
            } else if (token.isPunctuation("!") && token.touches(peek(1)) && peek(1).isIdentifier("between")) {
                advance();
                advance();
                left = between(token, left, true);
            } else {
                return left;
            }
        }
    }

    private boolean acceptTouchingTilde(Token before) {
        if (peek().isPunctuation("~") && before.touches(peek())) {
            advance();
            return true;
        }
        return false;
    }

    private Expr between(Token op, Expr value, boolean negated) {
        expectPunctuation("(", "after between");
        Expr low = expression();
        expectPunctuation("..", "between the bounds of 'between'");
        Expr high = expression();
        expectPunctuation(")", "to end 'between'");
        return new Expr.Between(op.position(), value, negated, low, high);
    }

    private List<Expr> parenthesisedList(String operator) {
        expectPunctuation("(", "after '" + operator + "'");
        List<Expr> items = new ArrayList<>();
        if (peek().isPunctuation(")")) {
            throw peek().position().error(KqlErrorCodes.SYNTAX, "'" + operator + "' needs at least one value");
        }
        do {
            items.add(pipeline());
        } while (acceptPunctuation(","));
        expectPunctuation(")", "to end the list of '" + operator + "'");
        return List.copyOf(items);
    }

    private Expr relational() {
        Expr left = additive();
        while (true) {
            Token token = peek();
            BinaryOperator operator;
            if (token.isPunctuation("<")) {
                operator = BinaryOperator.LESS;
            } else if (token.isPunctuation("<=")) {
                operator = BinaryOperator.LESS_OR_EQUAL;
            } else if (token.isPunctuation(">")) {
                operator = BinaryOperator.GREATER;
            } else if (token.isPunctuation(">=")) {
                operator = BinaryOperator.GREATER_OR_EQUAL;
            } else {
                return left;
            }
            advance();
            left = new Expr.Binary(token.position(), operator, left, additive());
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isPunctuation("+") || peek().isPunctuation("-")) {
            Token token = advance();
            BinaryOperator operator = token.text().equals("+") ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            left = new Expr.Binary(token.position(), operator, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = stringOperation();
        while (peek().isPunctuation("*") || peek().isPunctuation("/") || peek().isPunctuation("%")) {
            Token token = advance();
            BinaryOperator operator = switch (token.text()) {
                case "*" -> BinaryOperator.MULTIPLY;
                case "/" -> BinaryOperator.DIVIDE;
                default -> BinaryOperator.MODULO;
            };
            left = new Expr.Binary(token.position(), operator, left, stringOperation());
        }
        return left;
    }

    private Expr stringOperation() {
        Expr left = unary();
        while (true) {
            Token token = peek();
            Optional<StringOperator> operator = Optional.empty();
            int length = 1;
            if (token.isPunctuation("=~") || token.isPunctuation("!~")) {
                operator = StringOperator.of(token.text());
            } else if (token.kind() == TokenKind.IDENTIFIER) {
                if (token.text().equals("matches") && peek(1).isIdentifier("regex")) {
                    operator = Optional.of(StringOperator.MATCHES_REGEX);
                    length = 2;
                } else {
                    operator = StringOperator.of(token.text());
                }
            } else if (token.isPunctuation("!") && peek(1).kind() == TokenKind.IDENTIFIER && token.touches(peek(1))) {
                operator = StringOperator.of("!" + peek(1).text());
                length = 2;
            }
            if (operator.isEmpty()) {
                return left;
            }
            index += length;
            left = new Expr.StringMatch(token.position(), operator.get(), left, unary());
        }
    }

    private Expr unary() {
        Token token = peek();
        if (token.isPunctuation("-") || token.isPunctuation("+")) {
            enter();
            advance();
            Expr operand = unary();
            leave();
            return new Expr.Unary(token.position(), token.text(), operand);
        }
        return postfix();
    }

    private Expr postfix() {
        Expr target = primary();
        while (true) {
            Token token = peek();
            if (token.isPunctuation(".")) {
                advance();
                Token key = peek();
                if (key.kind() == TokenKind.IDENTIFIER) {
                    advance();
                    target = new Expr.Element(token.position(), target, new Expr.Literal(key.position(), KqlType.STRING, key.text()));
                } else if (key.isPunctuation("[")) {
                    advance();
                    Token string = peek();
                    if (string.kind() != TokenKind.STRING) {
                        throw unexpected("a quoted property name after '.['");
                    }
                    target = new Expr.Element(token.position(), target, stringLiteral());
                    expectPunctuation("]", "after the property name");
                } else {
                    throw unexpected("a property name after '.'");
                }
            } else if (token.isPunctuation("[")) {
                advance();
                Expr subscript = expression();
                expectPunctuation("]", "to end the index");
                target = new Expr.Element(token.position(), target, subscript);
            } else {
                return target;
            }
        }
    }

    private Expr primary() {
        Token token = peek();
        switch (token.kind()) {
            case STRING:
                return stringLiteral();
            case LONG:
                advance();
                return new Expr.Literal(token.position(), KqlType.LONG, token.value());
            case REAL:
                advance();
                return new Expr.Literal(token.position(), KqlType.REAL, token.value());
            case TIMESPAN:
                advance();
                return new Expr.Literal(token.position(), KqlType.TIMESPAN, token.value());
            case TYPED_LITERAL:
                advance();
                return rawTypedLiteral(token);
            case IDENTIFIER:
                return identifierExpression();
            case PUNCTUATION:
                if (token.isPunctuation("(")) {
                    advance();
                    Expr inner = pipeline();
                    expectPunctuation(")", "to close '('");
                    return new Expr.Parenthesized(token.position(), inner);
                }
                if (token.isPunctuation("[")) {
                    return new Expr.NameRef(token.position(), name("a name"));
                }
                throw unexpected("an expression");
            default:
                throw unexpected("an expression");
        }
    }

    private Expr identifierExpression() {
        Token token = advance();
        String word = token.text();
        boolean call = peek().isPunctuation("(");
        if (!call) {
            if (word.equals("true") || word.equals("false")) {
                return new Expr.Literal(token.position(), KqlType.BOOL, word.equals("true"));
            }
            return new Expr.NameRef(token.position(), word);
        }
        switch (word) {
            case "bool":
            case "boolean":
            case "int":
            case "long":
            case "real":
            case "double":
                return typedConstructor(token, KqlType.fromName(word).orElseThrow());
            case "decimal":
                throw token.position().error(KqlErrorCodes.UNSUPPORTED, "the decimal type is not supported");
            case "dynamic":
                return dynamicLiteral(token);
            case "typeof":
                advance();
                Token typeToken = peek();
                KqlType type = typeName();
                expectPunctuation(")", "to end typeof");
                return new Expr.TypeOf(typeToken.position(), type);
            default:
                advance();
                List<Expr> arguments = new ArrayList<>();
                if (!peek().isPunctuation(")")) {
                    do {
                        if (peek().isPunctuation("*") && (peek(1).isPunctuation(",") || peek(1).isPunctuation(")"))) {
                            arguments.add(new Expr.Star(advance().position()));
                        } else {
                            arguments.add(pipeline());
                        }
                    } while (acceptPunctuation(","));
                }
                expectPunctuation(")", "to end the arguments of " + word + "()");
                return new Expr.Call(token.position(), word, List.copyOf(arguments));
        }
    }

    /** {@code long(5)}, {@code int(null)}, {@code real(nan)}, {@code real(-inf)}, {@code bool(true)}. */
    private Expr typedConstructor(Token typeToken, KqlType type) {
        advance();
        Token value = peek();
        Object result;
        if (value.isIdentifier("null")) {
            advance();
            result = null;
        } else if (type == KqlType.BOOL) {
            if (!value.isIdentifier("true") && !value.isIdentifier("false")) {
                throw unexpected("true, false or null");
            }
            advance();
            result = value.text().equals("true");
        } else {
            boolean negative = false;
            if (peek().isPunctuation("-") || peek().isPunctuation("+")) {
                negative = advance().text().equals("-");
            }
            Token number = advance();
            if (type == KqlType.REAL && number.isIdentifier("nan")) {
                result = Double.NaN;
            } else if (type == KqlType.REAL && number.isIdentifier("inf")) {
                result = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                negative = false;
            } else if (number.kind() == TokenKind.LONG || number.kind() == TokenKind.REAL) {
                result = convertNumber(number, type, negative);
                negative = false;
            } else {
                throw number.position().error(KqlErrorCodes.SYNTAX, type + "(...) needs a number or null, found " + number.describe());
            }
            if (negative && result instanceof Double d) {
                result = -d;
            }
        }
        expectPunctuation(")", "to end the " + type + " literal");
        return new Expr.Literal(typeToken.position(), type, result);
    }

    private static Object convertNumber(Token number, KqlType type, boolean negative) {
        double asDouble = ((Number) number.value()).doubleValue();
        switch (type) {
            case REAL:
                return negative ? -asDouble : asDouble;
            case LONG:
                if (number.kind() == TokenKind.LONG) {
                    long value = (Long) number.value();
                    return negative ? -value : value;
                }
                return (long) (negative ? -asDouble : asDouble);
            case INT:
                long value = number.kind() == TokenKind.LONG ? (Long) number.value() : (long) asDouble;
                value = negative ? -value : value;
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw number.position().error(KqlErrorCodes.LITERAL, "int literal out of range: " + value);
                }
                return (int) value;
            default:
                throw new IllegalStateException("not numeric: " + type);
        }
    }

    private Expr rawTypedLiteral(Token token) {
        String content = (String) token.value();
        KqlType type = KqlType.fromName(token.text()).orElseThrow();
        if (content.equals("null")) {
            return new Expr.Literal(token.position(), type, null);
        }
        switch (type) {
            case DATETIME:
                Instant instant = DatetimeText.parse(content).orElseThrow(() -> token.position().error(
                        KqlErrorCodes.LITERAL, "invalid datetime literal '" + content + "'"));
                return new Expr.Literal(token.position(), type, instant);
            case TIMESPAN:
                Long ticks = TimespanText.parse(content).orElseThrow(() -> token.position().error(
                        KqlErrorCodes.LITERAL, "invalid timespan literal '" + content + "'"));
                return new Expr.Literal(token.position(), type, ticks);
            case GUID:
                String guid = GuidText.parse(content).orElseThrow(() -> token.position().error(
                        KqlErrorCodes.LITERAL, "invalid guid literal '" + content + "'"));
                return new Expr.Literal(token.position(), type, guid);
            default:
                throw new IllegalStateException("not a raw literal type: " + type);
        }
    }

    private Expr dynamicLiteral(Token token) {
        advance();
        if (peek().isIdentifier("null") && peek(1).isPunctuation(")")) {
            advance();
            advance();
            return new Expr.Literal(token.position(), KqlType.DYNAMIC, null);
        }
        StringBuilder json = new StringBuilder();
        dynamicValue(json);
        expectPunctuation(")", "to end the dynamic literal");
        return new Expr.Literal(token.position(), KqlType.DYNAMIC, json.toString());
    }

    private void dynamicValue(StringBuilder json) {
        enter();
        Token token = peek();
        if (token.isPunctuation("[")) {
            advance();
            json.append('[');
            boolean first = true;
            while (!peek().isPunctuation("]")) {
                if (!first) {
                    json.append(',');
                }
                dynamicValue(json);
                first = false;
                if (!acceptPunctuation(",")) {
                    break;
                }
            }
            expectPunctuation("]", "to end the array");
            json.append(']');
        } else if (token.isPunctuation("{")) {
            advance();
            json.append('{');
            boolean first = true;
            while (!peek().isPunctuation("}")) {
                if (!first) {
                    json.append(',');
                }
                Token key = advance();
                if (key.kind() != TokenKind.STRING && key.kind() != TokenKind.IDENTIFIER) {
                    throw key.position().error(KqlErrorCodes.LITERAL, "a property name must be a string, found " + key.describe());
                }
                JsonText.appendString(json, key.kind() == TokenKind.STRING ? (String) key.value() : key.text());
                expectPunctuation(":", "after the property name");
                json.append(':');
                dynamicValue(json);
                first = false;
                if (!acceptPunctuation(",")) {
                    break;
                }
            }
            expectPunctuation("}", "to end the property bag");
            json.append('}');
        } else {
            Expr literal = unary();
            appendDynamicScalar(json, literal);
        }
        leave();
    }

    private void appendDynamicScalar(StringBuilder json, Expr expression) {
        if (expression instanceof Expr.Unary unary && unary.operand() instanceof Expr.Literal literal
                && (literal.value() instanceof Long || literal.value() instanceof Double)) {
            Object value = literal.value();
            Object negated = value instanceof Long l ? (Object) (-l) : (Object) (-(Double) value);
            appendDynamicScalar(json, new Expr.Literal(literal.position(), literal.type(),
                    unary.operator().equals("-") ? negated : value));
            return;
        }
        if (expression instanceof Expr.NameRef name && name.name().equals("null")) {
            json.append("null");
            return;
        }
        if (!(expression instanceof Expr.Literal literal)) {
            throw expression.position().error(KqlErrorCodes.LITERAL, "a dynamic literal holds only constants");
        }
        Object value = literal.value();
        if (value == null) {
            json.append("null");
            return;
        }
        switch (literal.type()) {
            case STRING:
            case GUID:
                JsonText.appendString(json, (String) value);
                break;
            case LONG:
            case INT:
            case BOOL:
                json.append(value);
                break;
            case REAL:
                double d = (Double) value;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw literal.position().error(KqlErrorCodes.LITERAL, "NaN and infinity cannot be held in a dynamic literal");
                }
                json.append(d);
                break;
            case DATETIME:
                JsonText.appendString(json, DatetimeText.format((Instant) value));
                break;
            case TIMESPAN:
                JsonText.appendString(json, TimespanText.format((Long) value));
                break;
            case DYNAMIC:
                json.append(value);
                break;
            default:
                throw literal.position().error(KqlErrorCodes.LITERAL, "a " + literal.type() + " cannot be held in a dynamic literal");
        }
    }

    private Expr stringLiteral() {
        Token first = advance();
        StringBuilder value = new StringBuilder((String) first.value());
        // "a" "b" is "ab": adjacent string literals are one.
        while (peek().kind() == TokenKind.STRING) {
            value.append((String) advance().value());
        }
        return new Expr.Literal(first.position(), KqlType.STRING, value.toString());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private KqlType typeName() {
        Token token = advance();
        if (token.kind() == TokenKind.TYPED_LITERAL) {
            throw token.position().error(KqlErrorCodes.SYNTAX, "expected a type name, found '" + token.text() + "('");
        }
        if (token.kind() != TokenKind.IDENTIFIER) {
            throw token.position().error(KqlErrorCodes.SYNTAX, "expected a type name, found " + token.describe());
        }
        if (token.text().equals("decimal")) {
            throw token.position().error(KqlErrorCodes.UNSUPPORTED, "the decimal type is not supported");
        }
        return KqlType.fromName(token.text()).orElseThrow(() -> token.position().error(KqlErrorCodes.SYNTAX,
                "unknown type '" + token.text() + "'"));
    }

    /** An identifier or a bracketed quoted name {@code ['any name']}. */
    private String name(String expected) {
        Token token = peek();
        if (token.kind() == TokenKind.IDENTIFIER) {
            advance();
            return token.text();
        }
        if (token.isPunctuation("[") && peek(1).kind() == TokenKind.STRING && peek(2).isPunctuation("]")) {
            advance();
            String name = (String) advance().value();
            advance();
            if (name.isEmpty()) {
                throw token.position().error(KqlErrorCodes.SYNTAX, "a name cannot be empty");
            }
            return name;
        }
        throw unexpected(expected);
    }

    private boolean isNameToken(int ahead) {
        Token token = peek(ahead);
        return token.kind() == TokenKind.IDENTIFIER
                || (token.isPunctuation("[") && peek(ahead + 1).kind() == TokenKind.STRING && peek(ahead + 2).isPunctuation("]"));
    }

    private int nameLength() {
        return nameLengthAt(0);
    }

    private int nameLengthAt(int ahead) {
        return peek(ahead).kind() == TokenKind.IDENTIFIER ? 1 : 3;
    }

    private void expectKeyword(String word) {
        if (!peek().isIdentifier(word)) {
            throw unexpected("'" + word + "'");
        }
        advance();
    }

    private boolean acceptKeyword(String word) {
        if (peek().isIdentifier(word)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expectPunctuation(String punctuation, String context) {
        if (!peek().isPunctuation(punctuation)) {
            throw unexpected("'" + punctuation + "' " + context);
        }
        return advance();
    }

    private boolean acceptPunctuation(String punctuation) {
        if (peek().isPunctuation(punctuation)) {
            advance();
            return true;
        }
        return false;
    }

    private KqlException unexpected(String expected) {
        Token token = peek();
        return token.position().error(KqlErrorCodes.SYNTAX, "expected " + expected + " but found " + token.describe());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw peek().position().error(KqlErrorCodes.TOO_COMPLEX, "the query nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void leave() {
        depth--;
    }
}
