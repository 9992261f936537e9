package io.vigil.twin.query.fuzz;

import io.vigil.testing.fuzz.HostileText;
import io.vigil.testing.fuzz.Markers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random twin queries from the grammar of QUERY-LANGUAGE.md: {@code SELECT [TOP n] * | items FROM devices |
 * devices.modules [WHERE condition] [GROUP BY property]}, with paths (plain, {@code [[quoted]]}, collection-prefixed,
 * system names), constants of every kind, comparisons, IN/NIN lists, arithmetic, the functions, aggregates and
 * nesting. Names, aliases and string and number constants carry {@link Markers}; strings and quoted names carry
 * hostile text. Slips (reserved words as names, unknown functions, wrong types, nesting past any limit) are mixed in.
 */
final class TwinQueryGenerator {

    private static final String[] ROOTS = {"deviceId", "moduleId", "etag", "status", "connectionState",
        "lastActivityTime", "version", "authenticationType", "capabilities.iotEdge", "x509Thumbprint.primaryThumbprint",
        "statusReason", "modelId", "deviceEtag"};
    private static final String[] SECTIONS = {"tags", "properties.reported", "properties.desired", "configurations",
        "properties.desired.$metadata", "properties.reported.$version", "devices.tags", "devices.modules.tags"};
    private static final String[] COMPARISONS = {"=", "!=", "<>", "<", "<=", ">", ">="};
    private static final String[] FUNCTIONS = {"IS_DEFINED", "IS_NULL", "IS_BOOL", "IS_NUMBER", "IS_STRING",
        "IS_OBJECT", "IS_ARRAY", "IS_PRIMITIVE", "is_defined"};

    private final Random random;
    private final Markers markers;
    private int depth;

    TwinQueryGenerator(Random random, Markers markers) {
        this.random = random;
        this.markers = markers;
    }

    String query() {
        StringBuilder query = new StringBuilder(pick("SELECT ", "select ", "Select "));
        if (chance(5)) {
            query.append("TOP ").append(chance(2) ? "(" + random.nextInt(40) + ") " : pick("0 ", "5 ", markers.integer() + " "));
        }
        boolean grouped = chance(4);
        String groupKey = path();
        if (grouped) {
            List<String> items = new ArrayList<>();
            if (random.nextBoolean()) {
                items.add(groupKey + alias());
            }
            for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
                items.add(aggregate() + alias());
            }
            query.append(String.join(", ", items));
        } else if (chance(3)) {
            query.append('*');
        } else {
            List<String> items = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
                items.add(chance(8) ? aggregate() + alias() : path() + alias());
            }
            query.append(String.join(", ", items));
        }
        query.append(random.nextBoolean() ? " FROM " : "\nFROM ").append(pick("devices", "devices.modules", "devices",
                "devices.modules", "devices.jobs", "twins"));
        if (!chance(4)) {
            query.append(random.nextBoolean() ? " WHERE " : "\nWHERE ").append(condition());
        }
        if (grouped) {
            query.append(" GROUP BY ").append(groupKey);
        } else if (chance(30)) {
            query.append(pick(" GROUP BY ", " ORDER BY ")).append(path());
        }
        if (chance(20)) {
            query.append(pick(";", " --", " /* c */", " LIMIT 1"));
        }
        return query.toString();
    }

    private String alias() {
        return switch (random.nextInt(5)) {
            case 0 -> " AS " + markers.text();
            case 1 -> " " + markers.text();
            case 2 -> " AS " + pick("[[" + markers.text() + HostileText.next(random).replaceAll("[\\[\\]\\x00-\\x1f]", "") + "]]",
                    "select", "x");
            default -> "";
        };
    }

    private String aggregate() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick("COUNT()", "count()", "COUNT(*)", "COUNT(" + path() + ")");
            default -> pick("SUM(", "AVG(", "MIN(", "MAX(", "max(") + path() + ")";
        };
    }

    /** A property path with marker names, quoted names and system names. */
    String path() {
        if (chance(3)) {
            return pick(ROOTS);
        }
        StringBuilder path = new StringBuilder(pick(SECTIONS));
        for (int i = 0, segments = 1 + random.nextInt(3); i < segments; i++) {
            path.append('.').append(switch (random.nextInt(8)) {
                case 0 -> "[[" + markers.text() + "-" + HostileText.next(random).replaceAll("[\\[\\]\\x00-\\x1f]", "") + "]]";
                case 1 -> "$" + markers.text();
                case 2 -> pick("group", "select", "$version", "$lastUpdated", "[[group]]", "123", "a-b");
                default -> markers.text();
            });
        }
        return path.toString();
    }

    String condition() {
        if (++depth > 4 || chance(4)) {
            depth--;
            return comparison();
        }
        try {
            if (chance(40)) {
                int levels = pick(2, 50, 200, 2000);
                return "(".repeat(levels) + condition() + ")".repeat(levels);
            }
            return choose(() -> condition() + pick(" AND ", " and ", " OR ", " or ") + condition(),
                    () -> pick("NOT ", "not ") + condition(), () -> "(" + condition() + ")", this::comparison,
                    this::comparison);
        } finally {
            depth--;
        }
    }

    private String comparison() {
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> operand() + " " + pick(COMPARISONS) + " " + operand();
            case 3 -> operand() + pick(" IN ", " NIN ", " in ") + list();
            case 4 -> pick(FUNCTIONS) + "(" + operand() + ")" + (chance(4) ? " = " + pick("true", "false") : "");
            case 5 -> pick("STARTSWITH(", "ENDSWITH(", "startswith(") + operand() + ", " + stringConstant() + ")";
            case 6 -> pick("CONTAINS(", "LOWER(", "STARTS_WITH(", "UNKNOWN(") + path() + ")";
            case 7 -> pick("true", "false", "null", "undefined", path(), stringConstant());
            default -> path() + " = " + constant();
        };
    }

    private String operand() {
        if (depth > 6 || !chance(4)) {
            return random.nextBoolean() ? path() : constant();
        }
        depth++;
        try {
            return choose(() -> operand() + pick(" + ", " - ", " * ", " / ", " % ") + operand(), () -> "-" + operand(),
                    () -> "(" + operand() + ")");
        } finally {
            depth--;
        }
    }

    private String list() {
        List<String> items = new ArrayList<>();
        for (int i = 0, count = chance(10) ? 0 : 1 + random.nextInt(4); i < count; i++) {
            items.add(constant());
        }
        return chance(10) ? "(" + String.join(", ", items) + ")" : "[" + String.join(", ", items) + "]";
    }

    String constant() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> stringConstant();
            case 3, 4 -> markers.integer();
            case 5 -> markers.real();
            case 6 -> "0x" + Long.toHexString(987_600_000L + random.nextInt(1000));
            case 7 -> pick("true", "false", "null", "undefined");
            case 8 -> "-" + markers.integer();
            default -> pick("9223372036854775807", "1e308", "1e309", "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFF", "2e3",
                    ".5", "1.", "00012");
        };
    }

    /** A string in either quote kind with the language's escapes, holding a marker and hostile text. */
    String stringConstant() {
        String content = markers.text() + (chance(2) ? HostileText.next(random) : "");
        char quote = random.nextBoolean() ? '\'' : '"';
        StringBuilder text = new StringBuilder().append(quote);
        for (char c : content.toCharArray()) {
            if (c == quote || c == '\\') {
                text.append('\\').append(c);
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append(chance(2) ? "\\r" : "\r");
            } else {
                text.append(c);
            }
        }
        if (chance(20)) {
            text.append(pick("\\q", "\\u12", "\\"));
        }
        return text.append(quote).toString();
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    @SafeVarargs
    private String choose(Supplier<String>... options) {
        return options[random.nextInt(options.length)].get();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
