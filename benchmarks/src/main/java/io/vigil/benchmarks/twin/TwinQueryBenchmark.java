package io.vigil.benchmarks.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.benchmarks.support.Alternation;
import io.vigil.benchmarks.support.Arguments;
import io.vigil.benchmarks.support.BenchmarkDatabase;
import io.vigil.benchmarks.support.KeepAliveHttp;
import io.vigil.benchmarks.support.Percentiles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The twin query benchmark. Against a running suite ({@code ./vigil}): makes sure the benchmark fleet exists (by
 * default 100,000 devices with a device twin and a security module twin each, generated in PostgreSQL, reused by
 * later runs), then, in the same run and alternating, times each twin query through twin-service's HTTP API
 * ({@code POST /devices/query}: HTTP, JWT, compile, run, JSON) and the hand-written SQL for the same page over JDBC,
 * and prints the p50 and p99 of each and the items both returned.
 * <p>
 * Usage: {@code java -cp benchmarks/target/vigil-benchmarks.jar io.vigil.benchmarks.twin.TwinQueryBenchmark --token
 * <admin token> [--twin-url http://localhost:8083] [--db-port 15432] [--db-name vigil] [--devices 100000]
 * [--runs 30] [--warm-up-seconds 10] [--reset true]}
 */
public final class TwinQueryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 100;
    private static final Pattern DATABASE_TIMING = Pattern.compile("(?:^|,)\\s*db;dur=([0-9.]+)");
    private static final int WARM_UP_RUNS = 20;
    private static final String QUERY_PATH = "/devices/query?hub=" + URLEncoder.encode(TwinBenchmarkData.HUB, StandardCharsets.UTF_8);

    /** The seed queries, verbatim as the reference has them (trailing spaces included). */
    static final String OPEN_PORTS_QUERY = """
            SELECT
                deviceId,
                tags.recommendations.IoT_OpenPorts.severity,
                tags.recommendations.IoT_OpenPorts.discoveredAtUtc,
                tags.recommendations.IoT_OpenPorts.details.Endpoints
            FROM devices.modules\s
            WHERE\s
                moduleId = 'Microsoft.Security' AND\s
                IS_DEFINED(tags.recommendations.IoT_OpenPorts)
            """;
    static final String BRUTE_FORCE_QUERY = """
            SELECT
                deviceId,
                tags.alerts.IoT_Bruteforce_Success
            FROM devices.modules\s
            WHERE\s
                moduleId = 'Microsoft.Security' AND\s
                IS_DEFINED(tags.alerts.IoT_Bruteforce_Success)
            """;
    static final String SECURITY_GROUP_QUERY = "SELECT tags.securityGroup, COUNT() AS devices FROM devices.modules"
            + " WHERE moduleId = 'Microsoft.Security' GROUP BY tags.securityGroup";

    static final String ONE_TWIN_QUERY = "SELECT deviceId, tags.securityGroup FROM devices.modules"
            + " WHERE moduleId = 'Microsoft.Security' AND deviceId = '%s'";

    private TwinQueryBenchmark() {
    }

    /** One timed question: the twin query (and the continuation of its page, if not the first) and its SQL. */
    record Case(String name, String query, String continuation, String sql, List<Object> sqlParameters) {
    }

    /**
     * A page from the service: its items, the continuation of the next page if there is one, and the time the service
     * spent in the database for it (its {@code Server-Timing} header: connection, read-only transaction, statement).
     */
    record Page(List<JsonNode> items, String continuation, long databaseNanos) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (Connection db = options.database.connect(); KeepAliveHttp http = new KeepAliveHttp(options.twinUrl)) {
            System.out.println("Preparing the fleet...");
            TwinBenchmarkData.ensure(db, options.devices, options.reset);
            System.out.printf("  %,d device twins and %,d %s module twins on the benchmark hub;"
                            + " %,d with IoT_OpenPorts, %,d with IoT_Bruteforce_Success%n",
                    TwinBenchmarkData.countTwins(db, ""), TwinBenchmarkData.countTwins(db, TwinBenchmarkData.SECURITY_MODULE),
                    TwinBenchmarkData.SECURITY_MODULE, TwinBenchmarkData.countFinding(db, "recommendations", "IoT_OpenPorts"),
                    TwinBenchmarkData.countFinding(db, "alerts", "IoT_Bruteforce_Success"));

            List<Object> firstPage = List.of(TwinBenchmarkData.HUB, TwinBenchmarkData.SECURITY_MODULE, PAGE_SIZE);
            String oneDevice = TwinBenchmarkData.deviceId(42, options.devices);
            Case openPorts = new Case("open-ports, page 1", OPEN_PORTS_QUERY, null, TwinHandWrittenSql.OPEN_PORTS, firstPage);
            List<Case> cases = List.of(
                    openPorts,
                    new Case("brute-force, page 1", BRUTE_FORCE_QUERY, null, TwinHandWrittenSql.BRUTE_FORCE, firstPage),
                    new Case("devices by securityGroup", SECURITY_GROUP_QUERY, null, TwinHandWrittenSql.DEVICES_BY_SECURITY_GROUP,
                            firstPage),
                    secondPage(http, db, options, openPorts),
                    // One twin by id: next to nothing for PostgreSQL, so this is the fixed cost of a call through the service.
                    new Case("one twin by deviceId", ONE_TWIN_QUERY.formatted(oneDevice), null, TwinHandWrittenSql.ONE_TWIN,
                            List.of(TwinBenchmarkData.HUB, TwinBenchmarkData.SECURITY_MODULE, oneDevice, PAGE_SIZE)));

            System.out.printf("Timing %d runs of each (after at least %d warm-up runs and %d s), twin query over HTTP and"
                    + " hand-written SQL alternating, pages of %d%n", options.runs, WARM_UP_RUNS, options.warmUp.toSeconds(), PAGE_SIZE);
            System.out.printf("  %-26s %10s %10s %10s %10s %10s %7s %9s%n", "twin query", "query p50", "query p99",
                    "its db p50", "SQL p50", "SQL p99", "ratio", "rows");
            for (Case c : cases) {
                List<Long> databaseNanos = new ArrayList<>();
                Alternation<List<JsonNode>, List<JsonNode>> timed = Alternation.time(WARM_UP_RUNS, options.warmUp, options.runs,
                        Alternation.BELOW_THE_RATE_LIMIT,
                        () -> {
                            Page page = runQuery(http, options, c);
                            databaseNanos.add(page.databaseNanos());
                            return page.items();
                        }, () -> runSql(db, c));
                List<JsonNode> serviceItems = timed.serviceAnswer();
                List<JsonNode> sqlItems = timed.sqlAnswer();
                double serviceP50 = timed.serviceMillis(50);
                double sqlP50 = timed.sqlMillis(50);
                System.out.printf("  %-26s %8.1fms %8.1fms %8.1fms %8.1fms %8.1fms %6.2fx %4d/%-4d%n", c.name(), serviceP50,
                        timed.serviceMillis(99), Percentiles.millis(lastRuns(databaseNanos, options.runs), 50), sqlP50, timed.sqlMillis(99), serviceP50 / sqlP50,
                        serviceItems.size(), sqlItems.size());
                report(serviceItems, sqlItems);
            }
        }
    }

    /**
     * The open-ports query's second page. Each side continues where its own first page ended: the service from the
     * continuation its first page returned, the SQL after the last device id of its first page, as a hand-written
     * client pages by key. Fetched once here; the token only names where the page starts, so it can be replayed.
     */
    private static Case secondPage(KeepAliveHttp http, Connection db, Options options, Case first) throws Exception {
        Page servicePage = runQuery(http, options, first);
        if (servicePage.continuation() == null) {
            throw new IllegalStateException("the open-ports query's first page has no continuation: the fleet has fewer than "
                    + (PAGE_SIZE + 1) + " devices with IoT_OpenPorts");
        }
        List<JsonNode> sqlPage = runSql(db, first);
        if (sqlPage.isEmpty()) {
            throw new IllegalStateException("the hand-written open-ports SQL found no rows where the service found a full page");
        }
        String lastDevice = sqlPage.get(sqlPage.size() - 1).path("deviceId").asText();
        return new Case("open-ports, page 2", first.query(), servicePage.continuation(), TwinHandWrittenSql.OPEN_PORTS_AFTER,
                List.of(TwinBenchmarkData.HUB, TwinBenchmarkData.SECURITY_MODULE, lastDevice, PAGE_SIZE));
    }

    private static Page runQuery(KeepAliveHttp http, Options options, Case c) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + options.token);
        headers.put("x-ms-max-item-count", String.valueOf(PAGE_SIZE));
        if (c.continuation() != null) {
            headers.put("x-ms-continuation", c.continuation());
        }
        KeepAliveHttp.Response response = http.postJson(QUERY_PATH, headers, JSON.writeValueAsString(Map.of("query", c.query())));
        if (response.status() != 200) {
            throw new IllegalStateException(c.name() + ": HTTP " + response.status() + " " + response.body());
        }
        return new Page(TwinItems.fromResponse(response.body()), response.header("x-ms-continuation").orElse(null),
                databaseNanos(response.header("Server-Timing").orElse("")));
    }

    /** The {@code dur} of the {@code db} metric of a Server-Timing header, in nanoseconds. */
    static long databaseNanos(String serverTiming) {
        Matcher db = DATABASE_TIMING.matcher(serverTiming);
        if (!db.find()) {
            throw new IllegalStateException("twin-service sent no Server-Timing db metric (got \"" + serverTiming
                    + "\"): a service older than this benchmark?");
        }
        return Math.round(Double.parseDouble(db.group(1)) * 1_000_000);
    }

    /** The last {@code runs} values: the timed runs, after the warm-up ones. */
    private static long[] lastRuns(List<Long> values, int runs) {
        return values.subList(values.size() - runs, values.size()).stream().mapToLong(Long::longValue).toArray();
    }

    private static List<JsonNode> runSql(Connection db, Case c) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(c.sql())) {
            for (int i = 0; i < c.sqlParameters().size(); i++) {
                statement.setObject(i + 1, c.sqlParameters().get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                return TwinItems.fromRows(result);
            }
        }
    }

    /** Both sides answer the same question over the same rows, so any difference is a bug on one of them. */
    private static void report(List<JsonNode> service, List<JsonNode> sql) {
        if (service.size() != sql.size()) {
            System.out.printf("    WARNING: rows differ: the service returned %d items, the SQL %d rows%n", service.size(), sql.size());
        }
        Optional<Integer> difference = TwinItems.firstDifference(service, sql);
        difference.ifPresent(i -> System.out.printf("    WARNING: items differ from #%d: service %s, SQL %s%n", i + 1,
                TwinItems.describe(service, i), TwinItems.describe(sql, i)));
    }

    private static final class Options {
        String twinUrl;
        String token;
        BenchmarkDatabase database;
        int devices;
        int runs;
        Duration warmUp;
        boolean reset;

        static Options parse(String[] args) {
            Set<String> known = new HashSet<>(BenchmarkDatabase.OPTIONS);
            known.addAll(Set.of("--twin-url", "--token", "--devices", "--runs", "--warm-up-seconds", "--reset"));
            Arguments arguments = Arguments.parse(args, known);
            Options o = new Options();
            o.twinUrl = arguments.text("--twin-url", "http://localhost:8083");
            o.token = arguments.required("--token", "the admin token printed by ./vigil");
            o.database = BenchmarkDatabase.from(arguments);
            o.devices = arguments.integer("--devices", 100_000);
            o.runs = arguments.integer("--runs", 30);
            // A twin query takes a few milliseconds: the service's request path needs some thousand calls before
            // the JIT has compiled it, as in a service that has been up for a while.
            o.warmUp = Duration.ofSeconds(arguments.integer("--warm-up-seconds", 10));
            o.reset = arguments.bool("--reset", false);
            return o;
        }
    }
}
