package io.vigil.query.kql;

import io.vigil.query.kql.syntax.DatetimeText;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.GuidText;
import io.vigil.query.kql.syntax.Lexer;
import io.vigil.query.kql.syntax.Statement;
import io.vigil.query.kql.syntax.TimespanText;
import io.vigil.query.kql.syntax.Token;
import io.vigil.query.kql.types.KqlType;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters of a query as its top-level scalar {@code let}s with a literal value, the way the reference documents
 * write them ({@code let device = "YOUR_DEVICE_ID";}). Supplying a value replaces the literal by another literal of
 * the same type, so the value is bound as a parameter like every other literal and never becomes query text.
 */
final class LetParameters {

    /** Types a caller can supply as text; dynamic values are not parameters. */
    private static final List<KqlType> SUPPLIABLE = List.of(KqlType.STRING, KqlType.LONG, KqlType.INT, KqlType.REAL,
            KqlType.BOOL, KqlType.DATETIME, KqlType.TIMESPAN, KqlType.GUID);

    private LetParameters() {
    }

    static List<QueryParameter> declared(Statement.Query query, String text) {
        List<Token> tokens = Lexer.tokenize(text);
        List<QueryParameter> parameters = new ArrayList<>();
        for (Statement.Let let : query.lets()) {
            literal(let).ifPresent(literal -> parameters.add(new QueryParameter(let.name(), literal.type().kqlName(),
                    literalText(let, tokens, text))));
        }
        return parameters;
    }

    static Statement.Query apply(Statement.Query query, Map<String, String> values) {
        if (values.isEmpty()) {
            return query;
        }
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<Statement.Let> lets = new ArrayList<>();
        for (Statement.Let let : query.lets()) {
            Optional<Expr.Literal> literal = literal(let);
            if (literal.isPresent() && pending.containsKey(let.name())) {
                Expr.Literal replaced = new Expr.Literal(literal.get().position(), literal.get().type(),
                        convert(let.name(), literal.get().type(), pending.remove(let.name())));
                lets.add(new Statement.Let(let.position(), let.name(), replaced, null));
            } else {
                lets.add(let);
            }
        }
        if (!pending.isEmpty()) {
            List<String> known = lets.stream().filter(l -> literal(l).isPresent()).map(Statement.Let::name).toList();
            throw new KqlException(KqlErrorCodes.PARAMETER, "unknown parameter '" + pending.keySet().iterator().next()
                    + "'; the query's parameters are " + known, 1, 1);
        }
        return new Statement.Query(lets, query.result());
    }

    private static Optional<Expr.Literal> literal(Statement.Let let) {
        if (!Statement.isFunction(let) && let.value() instanceof Expr.Literal literal && SUPPLIABLE.contains(literal.type())) {
            return Optional.of(literal);
        }
        return Optional.empty();
    }

    /** The literal as written: from its first token to the {@code ;} ending the let (a string may hold a ';'). */
    private static String literalText(Statement.Let let, List<Token> tokens, String text) {
        int from = let.value().position().offset();
        int end = tokens.stream().filter(t -> t.position().offset() > from && t.isPunctuation(";"))
                .mapToInt(t -> t.position().offset()).findFirst().orElse(text.length());
        return text.substring(from, end).trim();
    }

    private static Object convert(String name, KqlType type, String value) {
        if (value == null) {
            throw bad(name, type, "null");
        }
        try {
            return switch (type) {
                case STRING -> value;
                case LONG -> Long.parseLong(value.trim());
                case INT -> Integer.parseInt(value.trim());
                case REAL -> Double.parseDouble(value.trim());
                case BOOL -> switch (value.trim()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw bad(name, type, value);
                };
                case DATETIME -> DatetimeText.parse(value).orElseThrow(() -> bad(name, type, value));
                case TIMESPAN -> TimespanText.parse(value).or(() -> isoDuration(value)).orElseThrow(() -> bad(name, type, value));
                case GUID -> GuidText.parse(value).orElseThrow(() -> bad(name, type, value));
                default -> throw bad(name, type, value);
            };
        } catch (NumberFormatException e) {
            throw bad(name, type, value);
        }
    }

    /** Also P7D / PT12H, the form the API's timespan takes. */
    private static Optional<Long> isoDuration(String value) {
        try {
            return Optional.of(Duration.parse(value.trim()).toNanos() / 100);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static KqlException bad(String name, KqlType type, String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return new KqlException(KqlErrorCodes.PARAMETER, "parameter '" + name + "' must be a " + type.kqlName()
                + ", not '" + shown + "'", 1, 1);
    }
}
