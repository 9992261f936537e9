package io.vigil.query.kql.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops the parameters that the final SQL does not use and renumbers the rest from $1. Some arguments are compiled
 * only to check them (a function argument's type, count(x)'s x); PostgreSQL rejects a statement whose parameter
 * numbers have gaps, so every bound value must appear. The SQL text holds no user text (all of it is bound), so a
 * {@code $n} in it is always a placeholder.
 */
final class ParameterCompaction {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    record Result(String sql, List<Object> parameters) {
    }

    private ParameterCompaction() {
    }

    static Result compact(String sql, List<Object> parameters) {
        TreeSet<Integer> used = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(sql);
        while (matcher.find()) {
            used.add(Integer.parseInt(matcher.group(1)));
        }
        if (used.size() == parameters.size()) {
            return new Result(sql, parameters);
        }
        Map<Integer, Integer> renumbered = new HashMap<>();
        List<Object> kept = new ArrayList<>();
        for (int old : used) {
            kept.add(parameters.get(old - 1));
            renumbered.put(old, kept.size());
        }
        StringBuilder out = new StringBuilder();
        matcher = PLACEHOLDER.matcher(sql);
        while (matcher.find()) {
            matcher.appendReplacement(out, "\\$" + renumbered.get(Integer.parseInt(matcher.group(1))));
        }
        matcher.appendTail(out);
        return new Result(out.toString(), kept);
    }
}
