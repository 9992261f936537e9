package io.vigil.testing.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PostgreSQL plan ({@code EXPLAIN (VERBOSE, FORMAT JSON)}) reads: every relation a node scans, schema-qualified,
 * and every expression a node outputs. Sub-plans, init plans and CTEs are nodes of the same tree, so nothing a
 * statement touches is missed.
 */
public final class ExplainedPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> relations = new TreeSet<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<String> resultOutputs = new ArrayList<>();

    private ExplainedPlan() {
    }

    public static ExplainedPlan of(String explainJson) {
        try {
            ExplainedPlan plan = new ExplainedPlan();
            JsonNode tree = JSON.readTree(explainJson);
            plan.walk(tree);
            tree.path(0).path("Plan").path("Output").forEach(expression -> plan.resultOutputs.add(expression.asText()));
            return plan;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an EXPLAIN (FORMAT JSON) result: " + explainJson, e);
        }
    }

    /** {@code schema.relation} of every scanned table, partition, index-scanned table or materialized view. */
    public Set<String> relations() {
        return relations;
    }

    /**
     * What the statement returns: the top node's output expressions. (A scan may output every column of its table
     * although nothing above uses them, PostgreSQL's "physical target list", so inner outputs say little.)
     */
    public List<String> resultOutputs() {
        return resultOutputs;
    }

    /** The output expressions of every node (column references show as {@code alias.column}). */
    public List<String> outputs() {
        return outputs;
    }

    private void walk(JsonNode node) {
        if (node.isArray()) {
            node.forEach(this::walk);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode relation = node.get("Relation Name");
        if (relation != null) {
            JsonNode schema = node.get("Schema");
            relations.add((schema == null ? "?" : schema.asText()) + "." + relation.asText());
        }
        JsonNode output = node.get("Output");
        if (output != null) {
            output.forEach(expression -> outputs.add(expression.asText()));
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (field.getValue().isContainerNode()) {
                walk(field.getValue());
            }
        }
    }
}
