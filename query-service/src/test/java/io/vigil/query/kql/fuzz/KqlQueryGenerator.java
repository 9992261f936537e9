package io.vigil.query.kql.fuzz;

import io.vigil.query.kql.catalog.CatalogColumn;
import io.vigil.query.kql.catalog.CatalogTable;
import io.vigil.query.kql.catalog.WorkspaceCatalog;
import io.vigil.testing.fuzz.HostileText;
import io.vigil.testing.fuzz.Markers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random KQL from the grammar of KQL.md: sources (tables, datatable, print, range, union, lets, user functions),
 * pipelines of tabular operators, typed scalar expressions with functions and operators, and literals of every kind.
 * String literals carry hostile text; text and number literals carry {@link Markers}, so a test can check that no
 * literal reached the SQL. Mostly type-correct, so a good share compiles, with deliberate slips (unknown names,
 * wrong types, nesting past the limit) so the error paths run too.
 */
final class KqlQueryGenerator {

    private static final String[] TYPES = {"string", "long", "int", "real", "bool", "datetime", "timespan", "dynamic"};
    private static final String[] STRING_OPERATORS = {"has", "!has", "has_cs", "contains", "!contains", "contains_cs",
        "startswith", "!startswith", "endswith", "=~", "!~", "==", "!=", "hasprefix", "hassuffix", "!hassuffix_cs",
        "matches regex", "in~", "!in"};
    private static final String[] JOIN_KINDS = {"", "kind=inner ", "kind=innerunique ", "kind=leftouter ",
        "kind=rightouter ", "kind=fullouter ", "kind=leftsemi ", "kind=leftanti ", "kind=rightsemi ", "kind=rightanti "};
    private static final String[] AGGREGATES = {"count()", "dcount(%s)", "countif(%b)", "sum(%n)", "avg(%n)", "min(%n)",
        "max(%s)", "make_set(%s)", "make_list(%s)", "take_any(%s)", "arg_max(%n, *)", "arg_min(%n, %s)", "stdev(%n)",
        "variance(%n)", "sumif(%n, %b)", "make_set_if(%s, %b)", "dcountif(%s, %b)"};

    private final Random random;
    private final Markers markers;
    private final List<CatalogTable> tables;
    /** The columns in scope of the pipeline being written: name and KQL type. */
    private List<String[]> columns = new ArrayList<>();
    private final List<String[]> lets = new ArrayList<>();
    private int depth;

    KqlQueryGenerator(Random random, Markers markers) {
        this.random = random;
        this.markers = markers;
        this.tables = WorkspaceCatalog.builtIn().tables();
    }

    String query() {
        StringBuilder query = new StringBuilder();
        int letCount = chance(3) ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < letCount; i++) {
            query.append(let()).append(";\n");
        }
        query.append(pipeline(2 + random.nextInt(4)));
        if (chance(10)) {
            query.append(";");
        }
        return query.toString();
    }

    private String let() {
        String name = "zqxlet" + lets.size();
        switch (random.nextInt(4)) {
            case 0 -> {
                String type = type();
                columns = new ArrayList<>();
                lets.add(new String[] {name, type});
                return "let " + name + " = " + literal(type);
            }
            case 1 -> {
                List<String[]> saved = columns;
                columns = new ArrayList<>(List.of(new String[] {"a", "long"}, new String[] {"b", "string"}));
                String body = "let " + name + " = (a:long, b:string = " + stringLiteral() + ") { "
                        + expression(random.nextBoolean() ? "long" : "string") + " }";
                columns = saved;
                return body;
            }
            default -> {
                String body = "let " + name + " = " + pipeline(1 + random.nextInt(2));
                lets.add(new String[] {name, "table"});
                return body;
            }
        }
    }

    /** A source and up to {@code operators} tabular operators; leaves {@link #columns} describing its result. */
    private String pipeline(int operators) {
        StringBuilder pipeline = new StringBuilder(source());
        for (int i = 0; i < operators; i++) {
            pipeline.append(random.nextBoolean() ? "\n| " : " | ").append(operator());
        }
        return pipeline.toString();
    }

    private String source() {
        if (++depth > 3) {
            depth--;
            return table();
        }
        try {
            switch (random.nextInt(12)) {
                case 0: {
                    columns = new ArrayList<>(List.of(new String[] {"s", "string"}, new String[] {"n", "long"}));
                    StringBuilder rows = new StringBuilder();
                    for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
                        rows.append(i == 0 ? "" : ", ").append(stringLiteral()).append(", ").append(longLiteral());
                    }
                    return "datatable(s:string, n:long)[" + rows + "]";
                }
                case 1: {
                    columns = new ArrayList<>();
                    String type = type();
                    String expression = expression(type);
                    columns.add(new String[] {"p", type});
                    return "print p = " + expression;
                }
                case 2:
                    columns = one("x", "long");
                    return "range x from " + longLiteral() + " to " + longLiteral() + " step " + (1 + random.nextInt(5));
                case 3: {
                    String left = table();
                    List<String[]> leftColumns = columns;
                    String right = table();
                    columns = common(leftColumns, columns);
                    return "union " + (chance(3) ? "withsource=zqxleg " : "") + left + ", " + right;
                }
                case 4: {
                    String inner = pipeline(1 + random.nextInt(2));
                    return "(" + inner + ")";
                }
                case 5:
                    for (String[] let : lets) {
                        if (let[1].equals("table")) {
                            columns = new ArrayList<>();
                            return let[0];
                        }
                    }
                    return table();
                case 6:
                    return "Security*";
                default:
                    return table();
            }
        } finally {
            depth--;
        }
    }

    private String table() {
        if (chance(40)) {
            columns = new ArrayList<>();
            return pick("securityalert", "NoSuchTable", "workspace.security_alert", "pg_authid", "ingest.rejected_message");
        }
        CatalogTable table = tables.get(random.nextInt(tables.size()));
        columns = new ArrayList<>();
        for (CatalogColumn column : table.columns()) {
            columns.add(new String[] {column.name(), column.type().kqlName()});
        }
        return table.name();
    }

    private String operator() {
        switch (random.nextInt(16)) {
            case 0, 1:
                return (chance(5) ? "filter " : "where ") + expression("bool");
            case 2: {
                String name = chance(4) ? "zqxcol" + random.nextInt(3) : "zqxcol" + columns.size();
                String type = type();
                String expression = expression(type);
                columns.add(new String[] {name, type});
                return "extend " + name + " = " + expression;
            }
            case 3: {
                List<String[]> kept = new ArrayList<>();
                List<String> items = new ArrayList<>();
                for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
                    if (random.nextBoolean() && !columns.isEmpty()) {
                        String[] column = column();
                        kept.add(column);
                        items.add(column[0]);
                    } else {
                        String type = type();
                        String name = "zqxp" + i;
                        items.add(name + " = " + expression(type));
                        kept.add(new String[] {name, type});
                    }
                }
                columns = kept;
                return "project " + String.join(", ", items);
            }
            case 4: {
                String aggregate = aggregate();
                String by = columns.isEmpty() ? "" : column()[0];
                columns = one("zqxagg", "long");
                return "summarize zqxagg = " + aggregate + (by.isEmpty() || chance(4) ? "" : " by " + by
                        + (chance(3) ? ", bin(" + columnOrLiteral("datetime") + ", " + timespanLiteral() + ")" : ""));
            }
            case 5:
                return pick("take ", "limit ") + (chance(8) ? "-1" : String.valueOf(random.nextInt(50)));
            case 6:
                return "top " + random.nextInt(20) + " by " + orderKey();
            case 7:
                return pick("sort by ", "order by ") + orderKey();
            case 8:
                if (chance(3)) {
                    return "distinct *";
                }
                if (columns.isEmpty()) {
                    return "distinct zqxnone";
                }
                String[] distinct = column();
                columns = one(distinct[0], distinct[1]);
                return "distinct " + distinct[0];
            case 9:
                columns = one("Count", "long");
                return "count";
            case 10: {
                String key = columns.isEmpty() ? "TimeGenerated" : column()[0];
                List<String[]> saved = columns;
                String right = pipeline(random.nextInt(2));
                columns = saved;
                return "join " + JOIN_KINDS[random.nextInt(JOIN_KINDS.length)] + "(" + right + ") on "
                        + (chance(3) ? "$left." + key + " == $right." + key : key);
            }
            case 11: {
                List<String[]> saved = columns;
                String right = pipeline(random.nextInt(2));
                columns = common(saved, columns);
                return "union " + (chance(4) ? "kind=inner " : "") + "(" + right + ")";
            }
            case 12:
                return columns.isEmpty() ? "project-away zqxnone" : "project-away " + columns.remove(random.nextInt(columns.size()))[0];
            case 13: {
                if (columns.isEmpty()) {
                    return "project-rename zqxa = zqxb";
                }
                String[] renamed = column();
                String newName = "zqxren" + random.nextInt(9);
                columns.remove(renamed);
                columns.add(new String[] {newName, renamed[1]});
                return "project-rename " + newName + " = " + renamed[0];
            }
            case 14:
                return pick("mv-expand x", "parse x with *", "render table", "evaluate bag_unpack(x)", "invoke f()",
                        "getschema", "serialize", "sample 3", "WHERE true", "project-reorder " + (columns.isEmpty() ? "x" : column()[0]));
            default:
                return "extend zqxs = " + expression("string");
        }
    }

    private String orderKey() {
        String key = columns.isEmpty() ? "zqxnone" : column()[0];
        return key + pick("", " asc", " desc", " asc nulls last", " desc nulls first");
    }

    private String aggregate() {
        String template = AGGREGATES[random.nextInt(AGGREGATES.length)];
        return template.replace("%s", columnOrLiteral(type())).replace("%n", columnOrLiteral(pick("long", "real", "int")))
                .replace("%b", expression("bool"));
    }

    /** An expression of roughly {@code type}: columns, literals, lets, operators and functions nested a few levels. */
    String expression(String type) {
        if (++depth > 5 || chance(3)) {
            depth--;
            return columnOrLiteral(type);
        }
        try {
            if (chance(60)) {
                int levels = pick(2, 30, 121, 130);
                return "(".repeat(levels) + expression(type) + ")".repeat(levels);
            }
            return switch (type) {
                case "bool" -> bool();
                case "string" -> string();
                case "long", "int" -> number();
                case "real" -> choose(() -> "todouble(" + expression("string") + ")",
                        () -> expression("long") + " / " + expression("real"), () -> "round(" + expression("real") + ", 2)",
                        () -> "abs(" + expression("real") + ")", this::realLiteral);
                case "datetime" -> choose(() -> "ago(" + timespanLiteral() + ")", () -> "now()",
                        () -> "todatetime(" + expression("string") + ")",
                        () -> "bin(" + expression("datetime") + ", " + timespanLiteral() + ")",
                        () -> "startofday(" + expression("datetime") + ")",
                        () -> expression("datetime") + " + " + timespanLiteral(), this::datetimeLiteral);
                case "timespan" -> choose(() -> expression("datetime") + " - " + expression("datetime"),
                        () -> "totimespan(" + expression("string") + ")", () -> timespanLiteral() + " * " + longLiteral(),
                        this::timespanLiteral);
                default -> dynamic();
            };
        } finally {
            depth--;
        }
    }

    private String bool() {
        return switch (random.nextInt(12)) {
            case 0 -> expression("bool") + pick(" and ", " or ") + expression("bool");
            case 1 -> "not(" + expression("bool") + ")";
            case 2, 3 -> expression("string") + " " + STRING_OPERATORS[random.nextInt(STRING_OPERATORS.length)] + " "
                    + (chance(4) ? "(" + stringLiteral() + ", " + stringLiteral() + ")" : stringLiteral());
            case 4 -> expression("long") + pick(" > ", " <= ", " == ", " != ", " <> ") + expression("long");
            case 5 -> expression("string") + pick(" in ", " !in ", " has_any ", " has_all ") + "(" + stringLiteral() + ", "
                    + stringLiteral() + ")";
            case 6 -> expression("long") + pick(" between ", " !between ") + "(" + longLiteral() + " .. " + longLiteral() + ")";
            case 7 -> pick("isempty(", "isnotempty(", "isnull(", "isnotnull(") + expression(type()) + ")";
            case 8 -> expression("datetime") + pick(" > ", " < ") + "ago(" + timespanLiteral() + ")";
            case 9 -> "tobool(" + expression("string") + ")";
            case 10 -> expression("dynamic") + " == " + stringLiteral();
            default -> columnOrLiteral("bool");
        };
    }

    private String string() {
        return switch (random.nextInt(14)) {
            case 0 -> "strcat(" + expression("string") + ", " + expression(type()) + (chance(2) ? ", " + stringLiteral() : "") + ")";
            case 1 -> "tostring(" + expression(type()) + ")";
            case 2 -> pick("tolower(", "toupper(") + expression("string") + ")";
            case 3 -> "substring(" + expression("string") + ", " + random.nextInt(5) + (chance(2) ? ", " + longLiteral() : "") + ")";
            case 4 -> pick("iff(", "iif(") + expression("bool") + ", " + expression("string") + ", " + expression("string") + ")";
            case 5 -> "case(" + expression("bool") + ", " + expression("string") + ", " + expression("string") + ")";
            case 6 -> "coalesce(" + expression("string") + ", " + stringLiteral() + ")";
            case 7 -> "replace_string(" + expression("string") + ", " + stringLiteral() + ", " + stringLiteral() + ")";
            case 8 -> "extract(" + regexLiteral() + ", " + random.nextInt(2) + ", " + expression("string") + ")";
            case 9 -> "extract_json(" + pick("\"$." + markers.text() + "\"", "\"$['" + HostileText.next(random).replace("\"", "")
                    .replace("\\", "") + "']\"", "\"$.a[0]\"", "\"$..x\"") + ", " + expression("string")
                    + (chance(2) ? ", typeof(" + type() + ")" : "") + ")";
            case 10 -> "strcat_delim(" + stringLiteral() + ", " + expression("string") + ", " + expression("string") + ")";
            case 11 -> "gettype(" + expression("dynamic") + ")";
            case 12 -> letReference("string");
            default -> columnOrLiteral("string");
        };
    }

    private String number() {
        return switch (random.nextInt(10)) {
            case 0 -> expression("long") + pick(" + ", " - ", " * ", " / ", " % ") + expression("long");
            case 1 -> "strlen(" + expression("string") + ")";
            case 2 -> pick("tolong(", "toint(") + expression(type()) + ")";
            case 3 -> "indexof(" + expression("string") + ", " + stringLiteral() + ")";
            case 4 -> "array_length(" + expression("dynamic") + ")";
            case 5 -> "-" + expression("long");
            case 6 -> "toscalar(" + pipelineInside() + ")";
            case 7 -> "zqxlet0(" + longLiteral() + ")";
            case 8 -> letReference("long");
            default -> columnOrLiteral("long");
        };
    }

    private String dynamic() {
        return switch (random.nextInt(6)) {
            case 0 -> pick("parse_json(", "todynamic(") + expression("string") + ")";
            case 1 -> expression("dynamic") + "." + pick(markers.text(), "['" + markers.text() + "']", "[0]", "[-1]", "[\"where\"]");
            case 2 -> "split(" + expression("string") + ", " + stringLiteral() + ")";
            case 3 -> dynamicLiteral();
            default -> columnOrLiteral("dynamic");
        };
    }

    /** A sub-pipeline used as a value, keeping the outer scope. */
    private String pipelineInside() {
        List<String[]> saved = columns;
        String inner = pipeline(1 + random.nextInt(2)) + " | count";
        columns = saved;
        return inner;
    }

    private String letReference(String type) {
        for (String[] let : lets) {
            if (let[1].equals(type)) {
                return let[0];
            }
        }
        return literal(type);
    }

    private String columnOrLiteral(String type) {
        List<String[]> matching = new ArrayList<>();
        for (String[] column : columns) {
            if (column[1].equals(type) || (type.equals("long") && column[1].equals("int"))) {
                matching.add(column);
            }
        }
        if (chance(50)) {
            return pick("zqxmissing", "timegenerated", "record_id", "device_id", "$left", "Count");
        }
        if (!matching.isEmpty() && random.nextBoolean()) {
            return matching.get(random.nextInt(matching.size()))[0];
        }
        return literal(type);
    }

    private String[] column() {
        return columns.get(random.nextInt(columns.size()));
    }

    String literal(String type) {
        return switch (type) {
            case "string" -> stringLiteral();
            case "long" -> longLiteral();
            case "int" -> "int(" + random.nextInt(1000) + ")";
            case "real" -> realLiteral();
            case "bool" -> pick("true", "false", "bool(null)", "bool(true)");
            case "datetime" -> datetimeLiteral();
            case "timespan" -> timespanLiteral();
            default -> dynamicLiteral();
        };
    }

    /** A string literal in one of KQL's forms, holding a marker and hostile text. */
    String stringLiteral() {
        String content = markers.text() + (chance(2) ? HostileText.next(random) : "");
        return switch (random.nextInt(7)) {
            case 0 -> "@\"" + content.replace("\"", "\"\"") + "\"";
            case 1 -> "'" + escaped(content, '\'') + "'";
            case 2 -> "```" + content.replace("`", "") + "```";
            case 3 -> "h\"" + escaped(content, '"') + "\"";
            case 4 -> "\u201c" + content.replace("\u201d", "") + "\u201d";
            case 5 -> "\"" + escaped(content, '"') + "\" '" + escaped(markers.text(), '\'') + "'";
            default -> "\"" + escaped(content, '"') + "\"";
        };
    }

    /** KQL escapes for a regular string: backslash and the quote; raw line breaks are not allowed. */
    private static String escaped(String content, char quote) {
        return content.replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote).replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    private String regexLiteral() {
        return pick("\"" + markers.text() + "([0-9]+)\"", "@\"(\\d+)" + markers.text() + "\"", "\"(\"", "\"[a-\"",
                "\"(?<n>x)\"", "\"" + markers.text() + "'\"");
    }

    String longLiteral() {
        return switch (random.nextInt(8)) {
            case 0 -> pick("9223372036854775807", "-9223372036854775808", "0x" + Long.toHexString(987_600_000L + random.nextInt(1000)),
                    "long(null)", "long(" + markers.integer() + ")", "99999999999999999999");
            case 1 -> String.valueOf(random.nextInt(10));
            default -> markers.integer();
        };
    }

    private String realLiteral() {
        return chance(4) ? pick("real(nan)", "real(+inf)", "real(-inf)", "1e308", "double(null)", "1e-300")
                : markers.real();
    }

    private String datetimeLiteral() {
        return pick("datetime(2026-02-28)", "datetime(2026-02-27 10:00:00.1234567)", "datetime(2026-02-30)",
                "datetime(null)", "datetime(" + (1000 + random.nextInt(9000)) + "-01-01T00:00:00Z)", "date(2026-01-01)",
                "datetime(Sat, 28 Feb 2026 10:00:00 GMT)", "datetime(2026-02-27T10:00:00+05:30)");
    }

    private String timespanLiteral() {
        return pick("1d", "2h", "30m", "10s", "100ms", "5microseconds", "1tick", "1.5h", "timespan(2)",
                "timespan(0.12:34:56.7)", "timespan(null)", random.nextInt(400) + "d", "timespan(15 seconds)");
    }

    private String dynamicLiteral() {
        return pick("dynamic(null)", "dynamic([1, 2, \"" + markers.text() + "\"])", "dynamic({\"" + markers.text() + "\": "
                + markers.integer() + ", \"b\": [true, null]})", "dynamic(\"" + markers.text() + "\")",
                "dynamic({\"d\": datetime(2026-01-01)})", "dynamic([" + markers.real() + "])");
    }

    private String type() {
        return TYPES[random.nextInt(TYPES.length)];
    }

    private static List<String[]> one(String name, String type) {
        List<String[]> columns = new ArrayList<>();
        columns.add(new String[] {name, type});
        return columns;
    }

    private static List<String[]> common(List<String[]> left, List<String[]> right) {
        List<String[]> both = new ArrayList<>();
        for (String[] column : left) {
            for (String[] other : right) {
                if (column[0].equals(other[0]) && column[1].equals(other[1])) {
                    both.add(column);
                }
            }
        }
        return both;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    /** One of several alternatives, only the chosen one evaluated (each may recurse and issue markers). */
    @SafeVarargs
    private String choose(Supplier<String>... options) {
        return options[random.nextInt(options.length)].get();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
