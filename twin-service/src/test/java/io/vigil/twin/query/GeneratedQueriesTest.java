package io.vigil.twin.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.query.semantic.AggregateFunction;
import io.vigil.twin.query.semantic.CheckedQuery;
import io.vigil.twin.query.semantic.Expr;
import io.vigil.twin.query.semantic.QueryAnalyzer;
import io.vigil.twin.query.semantic.Selection;
import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.JsonComparison;
import io.vigil.twin.query.support.QueryRunner;
import io.vigil.twin.query.support.ReferenceEvaluator;
import io.vigil.twin.query.support.TwinTestDatabase;
import io.vigil.twin.query.syntax.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: random conditions over twins full of awkward values (every JSON type, null, missing keys,
 * names differing in case) are run in PostgreSQL and evaluated by {@link ReferenceEvaluator}, which implements the
 * documented rules directly; both must select the same twins, project the same objects and aggregate the same
 * groups. The seed is fixed, so a failure reproduces.
 */
class GeneratedQueriesTest {

    private static final String HUB = Hubs.of("generated");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String[] TWINS = {
        "{'tags':{'a':'abc','b':5,'c':true,'o':{'x':1}}}",
        "{'tags':{'a':'ab','b':-2.5,'c':false,'o':{'X':2}}}",
        "{'tags':{'A':'x','b':0,'c':null,'arr':[1,'x']},'status':'disabled'}",
        "{'tags':{'a':'X','B':12.5,'o':'not an object'}}",
        "{'tags':{'a':null,'b':'5','c':'','o':{'x':null}}}",
        "{'tags':{}}",
        "{'tags':{'a':5,'b':2,'c':1,'o':{'x':'abc'}},'properties':{'reported':{'r':3}}}",
        "{'tags':{'a':'','b':16,'c':'B','O':{'X':3},'o':{'y':1}},'properties':{'reported':{'R':'3'}}}",
        "{'tags':{'a':true,'b':null,'c':0.5,'Ab':5,'aB':{'x':1}}}",
        "{'tags':{'a':['abc'],'b':{'n':1},'c':-0.0}}",
        "{'tags':{'a':'B','b':4,'c':'abc','AB':{'X':7},'ab':9}}",
        "{'tags':{'a':'abc ','b':1e2,'c':'5'},'properties':{'reported':{'r':-1}}}"
    };
    private static final String[] PATHS = {"tags.a", "tags.b", "tags.c", "tags.A", "tags.B", "tags.o.x", "tags.O.X",
        "tags.missing", "deviceId", "tags.arr", "status", "properties.reported.r", "tags.ab.x", "tags.o"};
    private static final String[] CONSTANTS = {"'x'", "'X'", "'abc'", "'ab'", "''", "'B'", "'5'", "0", "1", "2",
        "-2.5", "5", "12.5", "0x10", "true", "false", "null", "undefined"};
    private static final String[] COMPARISONS = {"=", "!=", "<>", "<", "<=", ">", ">="};
    private static final String[] TYPE_TESTS = {"IS_DEFINED", "IS_NULL", "IS_BOOL", "IS_NUMBER", "IS_STRING",
        "IS_OBJECT", "IS_ARRAY", "IS_PRIMITIVE"};
    private static final int QUERIES = 400;

    private static List<JsonNode> documents;
    private static QueryRunner runner;

    @BeforeAll
    static void twins() throws Exception {
        TwinTestDatabase database = TwinTestDatabase.shared();
        database.deleteHub(HUB);
        documents = new ArrayList<>();
        for (int i = 0; i < TWINS.length; i++) {
            ObjectNode twin = (ObjectNode) JSON.readTree(TWINS[i].replace('\'', '"'));
            ObjectNode document = JsonNodeFactory.instance.objectNode().put("deviceId", String.format("g%02d", i + 1));
            document.setAll(twin);
            documents.add(document);
            database.insertTwin(HUB, document.get("deviceId").asText(), "", document.toString());
        }
        runner = new QueryRunner(database);
    }

    @ParameterizedTest
    @EnumSource(PropertyNameMatching.class)
    void selectionsAgreeWithTheReference(PropertyNameMatching matching) {
        Random random = new Random(20261124L + matching.ordinal());
        int compiled = 0;
        for (int i = 0; i < QUERIES; i++) {
            String query = "SELECT deviceId FROM devices WHERE " + condition(random, 3);
            CheckedQuery checked = check(query, matching);
            if (checked == null) {
                continue;
            }
            compiled++;
            List<JsonNode> expected = new ArrayList<>();
            for (JsonNode document : documents) {
                if (Boolean.TRUE.equals(ReferenceEvaluator.condition(checked.where().get(), document))) {
                    expected.add(JsonNodeFactory.instance.objectNode().set("deviceId", document.get("deviceId")));
                }
            }
            assertSame(query, matching, expected, false);
        }
        assertThat(compiled).as("generated queries that compile").isGreaterThan(QUERIES * 3 / 4);
    }

    @ParameterizedTest
    @EnumSource(PropertyNameMatching.class)
    void projectionsAgreeWithTheReference(PropertyNameMatching matching) {
        Random random = new Random(7L + matching.ordinal());
        for (int i = 0; i < QUERIES / 4; i++) {
            String query = "SELECT deviceId, tags.a, tags.O.x AS ox, tags.AB.x, " + PATHS[random.nextInt(PATHS.length)]
                    + " AS extra FROM devices WHERE " + condition(random, 2);
            CheckedQuery checked = check(query, matching);
            if (checked == null) {
                continue;
            }
            List<JsonNode> expected = new ArrayList<>();
            for (JsonNode document : documents) {
                if (Boolean.TRUE.equals(ReferenceEvaluator.condition(checked.where().get(), document))) {
                    expected.add(project((Selection.Fields) checked.selection(), document));
                }
            }
            assertSame(query, matching, expected, false);
        }
    }

    @ParameterizedTest
    @EnumSource(PropertyNameMatching.class)
    void aggregatesAgreeWithTheReference(PropertyNameMatching matching) {
        Random random = new Random(99L + matching.ordinal());
        for (int i = 0; i < QUERIES / 4; i++) {
            String group = PATHS[random.nextInt(PATHS.length)];
            String argument = PATHS[random.nextInt(PATHS.length)];
            String query = "SELECT " + group + " AS g, COUNT() AS n, SUM(" + argument + ") AS s, MIN(" + argument
                    + ") AS lo, MAX(" + argument + ") AS hi, AVG(" + argument + ") AS mean FROM devices WHERE "
                    + condition(random, 2) + " GROUP BY " + group;
            CheckedQuery checked = check(query, matching);
            if (checked == null) {
                continue;
            }
            assertSame(query, matching, aggregate(checked), true);
        }
    }

    private static void assertSame(String query, PropertyNameMatching matching, List<JsonNode> expected,
                                   boolean anyOrder) {
        TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults(), matching);
        List<JsonNode> actual = runner.all(compiler.compile(query), HUB, 100).items();
        boolean same = anyOrder ? JsonComparison.sameInAnyOrder(actual, expected)
                : JsonComparison.sameInOrder(actual, expected);
        assertThat(same).as("%s [%s]%nreference: %s%npostgres:  %s", query, matching, expected, actual).isTrue();
    }

    /** The checked query, or null when the generator produced something the compiler rightly rejects. */
    private static CheckedQuery check(String query, PropertyNameMatching matching) {
        try {
            new TwinQueryCompiler(TwinQueryLimits.defaults(), matching).compile(query);
        } catch (TwinQueryException e) {
            assertThat(e.code()).as("%s: %s", query, e.getMessage()).isEqualTo(TwinQueryErrorCodes.TYPE);
            return null;
        }
        return new QueryAnalyzer(matching).analyze(Parser.parse(query));
    }

    private static JsonNode project(Selection.Fields fields, JsonNode document) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        for (Selection.Field field : fields.fields()) {
            ReferenceEvaluator.Found found = ReferenceEvaluator.resolve(field.path(), document);
            if (found != null) {
                item.set(field.alias().orElse(found.key), found.value);
            }
        }
        return item;
    }

    /** GROUP BY as documented: undefined is a group of its own; numbers summed; MIN numbers first, MAX strings. */
    private static List<JsonNode> aggregate(CheckedQuery checked) {
        Selection.Grouped grouped = (Selection.Grouped) checked.selection();
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            if (!Boolean.TRUE.equals(ReferenceEvaluator.condition(checked.where().get(), document))) {
                continue;
            }
            ReferenceEvaluator.Found key = ReferenceEvaluator.resolve(grouped.groupBy().get(), document);
            String identity = key == null ? "undefined" : normalized(key.value);
            groups.computeIfAbsent(identity, k -> new ArrayList<>()).add(document);
            keys.putIfAbsent(identity, key == null ? null : key.value);
        }
        List<JsonNode> items = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            for (Selection.GroupedOutput output : grouped.outputs()) {
                JsonNode value = output instanceof Selection.GroupKey ? keys.get(group.getKey())
                        : aggregateValue((Selection.Aggregate) output, group.getValue());
                if (value != null) {
                    item.set(output.name(), value);
                }
            }
            items.add(item);
        }
        return items;
    }

    private static JsonNode aggregateValue(Selection.Aggregate aggregate, List<JsonNode> documents) {
        if (aggregate.function() == AggregateFunction.COUNT) {
            return JsonNodeFactory.instance.numberNode(documents.size());
        }
        List<BigDecimal> numbers = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (JsonNode document : documents) {
            ReferenceEvaluator.Found found = ReferenceEvaluator.resolve(aggregate.argument().get(), document);
            if (found != null && found.value.isNumber()) {
                numbers.add(found.value.decimalValue());
            } else if (found != null && found.value.isTextual()) {
                strings.add(found.value.asText());
            }
        }
        BigDecimal sum = numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        switch (aggregate.function()) {
            case SUM:
                return numbers.isEmpty() ? null : JsonNodeFactory.instance.numberNode(sum);
            case AVG:
                // AVG is a double: compare with the double's shortest decimal form, as PostgreSQL prints it.
                return numbers.isEmpty() ? null : JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(
                        sum.divide(BigDecimal.valueOf(numbers.size()), MathContext.DECIMAL128).doubleValue()));
            case MIN:
                return !numbers.isEmpty() ? JsonNodeFactory.instance.numberNode(numbers.stream()
                        .min(BigDecimal::compareTo).get())
                        : strings.stream().min(String::compareTo).map(JsonNodeFactory.instance::textNode).orElse(null);
            default:
                return !strings.isEmpty() ? JsonNodeFactory.instance.textNode(strings.stream()
                        .max(String::compareTo).get())
                        : numbers.stream().max(BigDecimal::compareTo).map(JsonNodeFactory.instance::numberNode)
                        .orElse(null);
        }
    }

    /** Equal group values (numbers by value) give equal strings. */
    private static String normalized(JsonNode value) {
        return value.isNumber() ? "n:" + value.decimalValue().stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String condition(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 10 : 6);
        switch (choice) {
            case 0:
            case 1:
                return value(random, depth) + " " + pick(random, COMPARISONS) + " " + value(random, depth);
            case 2:
                return value(random, depth) + (random.nextBoolean() ? " IN [" : " NIN [") + constants(random) + "]";
            case 3:
                return pick(random, TYPE_TESTS) + "(" + value(random, depth) + ")";
            case 4:
                return (random.nextBoolean() ? "STARTSWITH(" : "ENDSWITH(") + value(random, 0) + ", "
                        + (random.nextBoolean() ? pick(random, new String[] {"'a'", "'ab'", "''", "'X'", "'c'"})
                        : value(random, 0)) + ")";
            case 5:
                return value(random, 0);
            case 6:
                return "NOT " + condition(random, depth - 1);
            case 7:
                return "(" + condition(random, depth - 1) + " AND " + condition(random, depth - 1) + ")";
            case 8:
                return "(" + condition(random, depth - 1) + " OR " + condition(random, depth - 1) + ")";
            default:
                return pick(random, TYPE_TESTS) + "(" + value(random, 0) + ") = " + (random.nextBoolean() ? "true"
                        : "false");
        }
    }

    private static String value(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 8 : 5);
        switch (choice) {
            case 0:
            case 1:
            case 2:
                return pick(random, PATHS);
            case 3:
            case 4:
                return pick(random, CONSTANTS);
            case 5:
                return "(" + value(random, depth - 1) + " " + pick(random, new String[] {"+", "-", "*"}) + " "
                        + value(random, depth - 1) + ")";
            case 6:
                // Divisors that keep decimal results exact, and zero (undefined).
                return "(" + value(random, depth - 1) + " " + (random.nextBoolean() ? "/" : "%") + " "
                        + pick(random, new String[] {"0", "2", "4", "5"}) + ")";
            default:
                return "-" + pick(random, PATHS);
        }
    }

    private static String constants(Random random) {
        int count = 1 + random.nextInt(3);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(pick(random, CONSTANTS));
        }
        return String.join(", ", list);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
