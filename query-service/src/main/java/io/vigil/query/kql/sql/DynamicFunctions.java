package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.types.KqlType;

import java.util.List;

/** extract_json/extractjson, array_length, gettype, toscalar. */
final class DynamicFunctions {

    private DynamicFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("extract_json", 2, 3, DynamicFunctions::extractJson);
        functions.register("extractjson", 2, 3, DynamicFunctions::extractJson);
        functions.register("array_length", 1, 1, call -> {
            SqlValue value = call.typed(0, KqlType.DYNAMIC);
            return SqlValue.of(call.context().share(value.sql(), x -> "(CASE WHEN jsonb_typeof(" + x
                    + ") = 'array' THEN jsonb_array_length(" + x + ")::bigint END)"), KqlType.LONG, true);
        });
        functions.register("gettype", 1, 1, DynamicFunctions::gettype);
        functions.register("toscalar", 1, 1, DynamicFunctions::toscalar);
    }

    /**
     * extract_json(path, json [, typeof(T)]): the element at the JSONPath (which must be a literal). Without a
     * type the result is a string ("" when missing); with one it is converted (null when missing or not
     * convertible).
     */
    private static SqlValue extractJson(FunctionCall call) {
        List<String> steps = JsonPath.parse(call.constantString(0), call.positionOf(0));
        SqlValue source = call.arg(1);
        String path = call.context().bind(steps.toArray(new String[0]));
        SqlValue element;
        if (source.type() == KqlType.STRING && source.stored() instanceof SqlValue.ParsedJson parsed) {
            element = SqlValue.of("NULLIF(" + parsed.jsonbSql() + " #> " + path + ", 'null'::jsonb)", KqlType.DYNAMIC, true);
        } else if (source.type() == KqlType.STRING && source.jsonText()) {
            // Known-good JSON text: parsing as json (validation only) is cheaper than building a jsonb per call.
            element = SqlValue.of("NULLIF(((" + source.sql() + ")::json #> " + path + ")::jsonb, 'null'::jsonb)",
                    KqlType.DYNAMIC, true);
        } else {
            SqlValue json = source.type() == KqlType.DYNAMIC ? source
                    : call.conversions().parseJson(source.type() == KqlType.STRING ? source : call.string(1));
            element = SqlValue.of("NULLIF((" + json.sql() + ") #> " + path + ", 'null'::jsonb)", KqlType.DYNAMIC, true);
        }
        if (call.count() < 3) {
            return call.conversions().toStringValue(element);
        }
        return call.conversions().to(call.typeArgument(2), element, call.positionOf(2));
    }

    private static SqlValue gettype(FunctionCall call) {
        SqlValue value = call.arg(0);
        CompilationContext context = call.context();
        if (value.type() != KqlType.DYNAMIC) {
            return SqlValue.notNull(context.bind(value.type().kqlName()), KqlType.STRING);
        }
        return SqlValue.notNull(context.share(value.sql(), x -> "(CASE jsonb_typeof(" + x + ") WHEN 'object' THEN 'dictionary'"
                + " WHEN 'array' THEN 'array' WHEN 'string' THEN 'string' WHEN 'boolean' THEN 'bool'"
                + " WHEN 'number' THEN (CASE WHEN " + x + "::text ~ '^-?\\d+$' THEN 'long' ELSE 'real' END)"
                + " ELSE 'null' END)"), KqlType.STRING);
    }

    /** toscalar(T): the first column of the first row (in T's order, if sorted); null when T is empty. */
    private static SqlValue toscalar(FunctionCall call) {
        ExpressionCompiler compiler = call.compiler();
        if (!compiler.isTabular(call.raw(0))) {
            return call.arg(0);
        }
        Relation relation = compiler.services().tabular.compile(call.raw(0), compiler.environment());
        List<Relation.Column> columns = relation.visibleColumns();
        if (columns.isEmpty()) {
            throw call.positionOf(0).error(KqlErrorCodes.TYPE, "toscalar() needs a table with at least one column");
        }
        Relation.Column first = columns.get(0);
        String alias = call.context().newAlias();
        String sql = "(SELECT " + alias + "." + first.sqlName() + " FROM (" + relation.sql() + ") AS " + alias
                + OrderBySql.clause(alias, relation.order()) + " LIMIT 1)";
        if (first.type() == KqlType.STRING) {
            return SqlValue.string(sql, true);
        }
        return new SqlValue(sql, first.type(), true, first.jsonText(), null);
    }
}
