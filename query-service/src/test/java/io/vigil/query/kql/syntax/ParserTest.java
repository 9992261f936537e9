package io.vigil.query.kql.syntax;

import io.vigil.query.kql.KqlException;
import io.vigil.query.kql.types.KqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParserTest {

    @Test
    void aQueryIsLetsThenOneTabularExpression() {
        Statement.Query query = Parser.parse("let a = 1;\nlet t = T | take 1;\nt | where x > a;");
        assertThat(query.lets()).extracting(Statement.Let::name).containsExactly("a", "t");
        assertThat(query.result()).isInstanceOf(Expr.Pipeline.class);
        assertThat(query.result().position()).isEqualTo(new Position(3, 1, 31));
    }

    @Test
    void precedenceFollowsTheOfficialGrammar() {
        // or < and < equality (==, in) < relational < additive < multiplicative < string operators < unary
        assertThat(shape("a or b and c")).isEqualTo("(a or (b and c))");
        assertThat(shape("a == b and c < d")).isEqualTo("((a == b) and (c < d))");
        assertThat(shape("a + b * c")).isEqualTo("(a + (b * c))");
        assertThat(shape("a < b + c")).isEqualTo("(a < (b + c))");
        assertThat(shape("a + b contains c")).isEqualTo("(a + (b contains c))");
        assertThat(shape("-a * b")).isEqualTo("((-a) * b)");
        assertThat(shape("a - b - c")).isEqualTo("((a - b) - c)");
        assertThat(shape("x in (1, 2) and y !in~ ('a')")).isEqualTo("((x in (1, 2)) and (y !in~ (a)))");
        assertThat(shape("a =~ b or c !~ d")).isEqualTo("((a =~ b) or (c !~ d))");
    }

    @Test
    void negatedStringOperatorsMustBeWrittenTogether() {
        assertThat(shape("a !contains b")).isEqualTo("(a !contains b)");
        assertThat(shape("a !has_cs b")).isEqualTo("(a !has_cs b)");
        assertThat(shape("a matches regex b")).isEqualTo("(a matches regex b)");
        assertError("print a ! contains b", "kql.syntax", 1, 9);
    }

    @Test
    void memberAccessAndIndexes() {
        assertThat(shape("d.a['b c'][0].e")).isEqualTo("d[a][b c][0][e]");
        assertThat(shape("d.['where']")).isEqualTo("d[where]");
    }

    @Test
    void dashedOperatorNamesAreOneWord() {
        Expr.Pipeline pipeline = (Expr.Pipeline) Parser.parse("T | project-away a, b* | project-rename x = y").result();
        assertThat(pipeline.operators().get(0)).isInstanceOf(TabularOperator.ProjectAway.class);
        TabularOperator.ProjectAway away = (TabularOperator.ProjectAway) pipeline.operators().get(0);
        assertThat(away.patterns()).extracting(TabularOperator.NamePattern::pattern).containsExactly("a", "b*");
        assertThat(pipeline.operators().get(1)).isInstanceOf(TabularOperator.ProjectRename.class);
        assertError("T | project - away a", "kql.syntax", 1, 20);
    }

    @Test
    void joinSyntax() {
        Expr.Pipeline pipeline = (Expr.Pipeline) Parser.parse(
                "L | join kind=leftouter hint.strategy=broadcast (R) on k, $left.a == $right.b and $right.c == $left.d").result();
        TabularOperator.Join join = (TabularOperator.Join) pipeline.operators().get(0);
        assertThat(join.kind()).isEqualTo("leftouter");
        assertThat(join.conditions()).extracting(c -> c.left() + "=" + c.right()).containsExactly("k=k", "a=b", "d=c");
        TabularOperator.Join bare = (TabularOperator.Join) ((Expr.Pipeline) Parser.parse("L | join R on k").result()).operators().get(0);
        assertThat(bare.kind()).isNull();
        assertThat(bare.right()).isInstanceOf(Expr.NameRef.class);
    }

    @Test
    void summarizeSyntax() {
        TabularOperator.Summarize summarize = (TabularOperator.Summarize) ((Expr.Pipeline) Parser.parse(
                "T | summarize n = count(), (a, b) = arg_max(x, *), max(y) by k, d = bin(t, 1h)").result()).operators().get(0);
        assertThat(summarize.aggregates()).extracting(Assignment::names)
                .containsExactly(List.of("n"), List.of("a", "b"), List.of());
        assertThat(summarize.groups()).extracting(Assignment::names).containsExactly(List.of(), List.of("d"));
        Expr.Call argMax = (Expr.Call) summarize.aggregates().get(1).expression();
        assertThat(argMax.arguments().get(1)).isInstanceOf(Expr.Star.class);
    }

    @Test
    void sortKeys() {
        TabularOperator.Sort sort = (TabularOperator.Sort) ((Expr.Pipeline) Parser.parse(
                "T | order by a, b asc, c desc nulls first, d nulls last").result()).operators().get(0);
        assertThat(sort.keys()).extracting(k -> k.descending() + "/" + k.nullsFirst())
                .containsExactly("null/null", "false/null", "true/true", "null/false");
    }

    @Test
    void letFunctionsAndViews() {
        Statement.Query query = Parser.parse("let f = (a:long, t:(*), b:string = 'x') { let y = a; y }; let v = view () { T }; v");
        Statement.FunctionDefinition f = query.lets().get(0).function();
        assertThat(f.parameters()).extracting(p -> p.name() + ":" + (p.tabular() ? "table" : p.type()))
                .containsExactly("a:long", "t:table", "b:string");
        assertThat(f.lets()).extracting(Statement.Let::name).containsExactly("y");
        assertThat(query.lets().get(1).function().parameters()).isEmpty();
    }

    @Test
    void typedLiterals() {
        assertThat(literal("int(5)")).isEqualTo(new Expr.Literal(new Position(1, 7, 6), KqlType.INT, 5));
        assertThat(literal("long(null)").value()).isNull();
        assertThat(literal("real(-inf)").value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(literal("dynamic({\"a\": [1, -2, 'x', datetime(2020-01-01)]})").value())
                .isEqualTo("{\"a\":[1,-2,\"x\",\"2020-01-01T00:00:00.0000000Z\"]}");
        assertThat(literal("'a' \"b\"").value()).isEqualTo("ab");
    }

    @Test
    void unsupportedOperatorsAreReportedAsSuch() {
        assertError("T | mv-expand x", "kql.unsupported", 1, 5);
        assertError("T | WHERE x", "kql.syntax", 1, 5);
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackOverflows() {
        String deep = "print " + "(".repeat(5000) + "1" + ")".repeat(5000);
        KqlException error = catchThrowableOfType(KqlException.class, () -> Parser.parse(deep));
        assertThat(error.code()).isEqualTo("kql.too-complex");
        String unary = "print " + "-".repeat(5000) + "1";
        assertThat(catchThrowableOfType(KqlException.class, () -> Parser.parse(unary)).code()).isEqualTo("kql.too-complex");
    }

    private static Expr.Literal literal(String text) {
        return (Expr.Literal) ((Expr.Print) Parser.parse("print " + text).result()).items().get(0).expression();
    }

    /** The parsed expression as a fully parenthesised string, to check the tree's shape. */
    private static String shape(String expression) {
        Expr.Print print = (Expr.Print) Parser.parse("print " + expression).result();
        return render(print.items().get(0).expression());
    }

    private static String render(Expr e) {
        if (e instanceof Expr.NameRef n) {
            return n.name();
        }
        if (e instanceof Expr.Literal l) {
            return String.valueOf(l.value());
        }
        if (e instanceof Expr.Binary b) {
            return "(" + render(b.left()) + " " + b.operator().text() + " " + render(b.right()) + ")";
        }
        if (e instanceof Expr.StringMatch m) {
            return "(" + render(m.left()) + " " + m.operator().text() + " " + render(m.right()) + ")";
        }
        if (e instanceof Expr.Unary u) {
            return "(" + u.operator() + render(u.operand()) + ")";
        }
        if (e instanceof Expr.In in) {
            return "(" + render(in.value()) + " " + (in.negated() ? "!" : "") + "in" + (in.caseInsensitive() ? "~" : "") + " ("
                    + String.join(", ", in.items().stream().map(ParserTest::render).toList()) + "))";
        }
        if (e instanceof Expr.Element el) {
            return render(el.target()) + "[" + render(el.subscript()) + "]";
        }
        if (e instanceof Expr.Parenthesized p) {
            return render(p.inner());
        }
        return e.toString();
    }

    private static void assertError(String text, String code, int line, int column) {
        KqlException error = catchThrowableOfType(KqlException.class, () -> Parser.parse(text));
        assertThat(error).as(text).isNotNull();
        assertThat(error.code() + " " + error.line() + ":" + error.column()).as(text + ": " + error.getMessage())
                .isEqualTo(code + " " + line + ":" + column);
    }
}
