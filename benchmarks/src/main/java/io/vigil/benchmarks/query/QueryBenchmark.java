package io.vigil.benchmarks.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.benchmarks.support.Alternation;
import io.vigil.benchmarks.support.Arguments;
import io.vigil.benchmarks.support.BenchmarkDatabase;
import io.vigil.benchmarks.support.KeepAliveHttp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query benchmark. Against a running suite ({@code ./vigil}): fills the workspace with benchmark rows (by default
 * 1,000,000 alert rows and 5,000,000 raw-event rows, generated in PostgreSQL, reused by later runs), then, in the
 * same run and alternating, times each seed summary and investigation through query-service's HTTP API (compile,
 * run, JSON) and the hand-written SQL for the same question over JDBC, and prints the p50 and p95 of each. The SQL
 * session runs with the {@code work_mem} query-service is configured with ({@code --work-mem}, to match
 * {@code vigil.query.work-mem}; both 32MB by default), so the two differ by their SQL and the service around it,
 * not by the database's settings. A service call is timed until its whole response has arrived;
 * the benchmark's own parsing of the JSON (to count rows) is not timed, as the SQL side's rows are read but not
 * turned into JSON.
 * <p>
 * Usage: {@code java -cp benchmarks/target/vigil-benchmarks.jar io.vigil.benchmarks.query.QueryBenchmark --token <admin
 * token> [--query-url http://localhost:8084] [--db-port 15432] [--db-name vigil] [--alerts 1000000]
 * [--raw-events 5000000] [--runs 15] [--reset true] [--work-mem 32MB]}
 */
public final class QueryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per case: enough for a query of a few milliseconds to run on compiled code on both sides. */
    private static final Duration WARM_UP_TIME = Duration.ofSeconds(3);

    private QueryBenchmark() {
    }

    record Case(String summary, Map<String, String> parameters, String sql, List<String> sqlParameters) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (Connection db = options.database.connect(); KeepAliveHttp http = new KeepAliveHttp(options.queryUrl)) {
            System.out.println("Preparing the workspace...");
            BenchmarkData.ensure(db, options.alerts, options.rawEvents, options.reset);
            try (PreparedStatement setting = db.prepareStatement("SELECT set_config('work_mem', ?, false)")) {
                setting.setString(1, options.workMem);
                setting.execute();
            }
            System.out.printf("  %,d alert rows, %,d raw-event rows, %,d recommendation rows in the workspace%n",
                    count(db, "workspace.security_alert"), count(db, "workspace.security_iot_raw_event"),
                    count(db, "workspace.security_recommendation"));

            String device = BenchmarkData.device(42);
            String hub = "bench-hub-a";
            Map<String, String> investigation = Map.of("device", device, "hub", hub);
            List<Case> cases = List.of(
                    new Case("device-summary", Map.of(), HandWrittenSql.DEVICE_SUMMARY, List.of()),
                    new Case("hub-summary", Map.of(), HandWrittenSql.HUB_SUMMARY, List.of()),
                    new Case("recommendation-device-summary", Map.of(), HandWrittenSql.RECOMMENDATION_DEVICE_SUMMARY, List.of()),
                    new Case("investigation-related-alerts", investigation, HandWrittenSql.RELATED_ALERTS, List.of(device, hub)),
                    new Case("investigation-users-with-access", investigation, HandWrittenSql.USERS_WITH_ACCESS, List.of(device, hub)),
                    new Case("investigation-open-ports", investigation, HandWrittenSql.OPEN_PORTS, List.of(device, hub)),
                    new Case("investigation-user-logins", investigation, HandWrittenSql.USER_LOGINS, List.of(device, hub)),
                    new Case("investigation-process-list", investigation, HandWrittenSql.PROCESS_LIST, List.of(device, hub, device, hub)));

            System.out.printf("Timing %d runs of each (after at least 2 warm-up runs and %d s), KQL over HTTP and hand-written SQL"
                    + " alternating%n", options.runs, WARM_UP_TIME.toSeconds());
            System.out.printf("  %-33s %10s %10s %10s %10s %7s %9s%n", "saved query", "KQL p50", "KQL p95", "SQL p50", "SQL p95", "ratio", "rows");
            for (Case c : cases) {
                if (!options.cases.isEmpty() && !options.cases.contains(c.summary())) {
                    continue;
                }
                Alternation<String, Integer> timed = Alternation.time(2, WARM_UP_TIME, options.runs, Alternation.BELOW_THE_RATE_LIMIT, () -> runSummary(http, options, c), () -> runSql(db, c));
                int kqlRows = JSON.readTree(timed.serviceAnswer()).path("tables").path(0).path("rows").size();
                int sqlRows = timed.sqlAnswer();
                double kqlP50 = timed.serviceMillis(50);
                double sqlP50 = timed.sqlMillis(50);
                System.out.printf("  %-33s %8.1fms %8.1fms %8.1fms %8.1fms %6.2fx %4d/%-4d%n", c.summary(), kqlP50,
                        timed.serviceMillis(95), sqlP50, timed.sqlMillis(95), kqlP50 / sqlP50, kqlRows, sqlRows);
                if (kqlRows != sqlRows) {
                    System.out.printf("    rows differ: the KQL result was cut at the service's row limit or the SQL is not the same question%n");
                }
            }
        }
    }

    private static String runSummary(KeepAliveHttp http, Options options, Case c) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parameters", c.parameters());
        KeepAliveHttp.Response response = http.postJson("/v1/workspaces/bench/summaries/" + c.summary() + "/run",
                Map.of("Authorization", "Bearer " + options.token), JSON.writeValueAsString(body));
        if (response.status() != 200) {
            throw new IllegalStateException(c.summary() + ": HTTP " + response.status() + " " + response.body());
        }
        return response.body();
    }

    private static int runSql(Connection db, Case c) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(c.sql())) {
            for (int i = 0; i < c.sqlParameters().size(); i++) {
                statement.setString(i + 1, c.sqlParameters().get(i));
            }
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        result.getObject(column);
                    }
                    rows++;
                }
            }
            return rows;
        }
    }

    private static long count(Connection db, String table) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static final class Options {
        String queryUrl;
        String token;
        BenchmarkDatabase database;
        long alerts;
        long rawEvents;
        int runs;
        boolean reset;
        String workMem;
        /** The saved queries to time, all when empty. */
        Set<String> cases;

        static Options parse(String[] args) {
            Set<String> known = new HashSet<>(BenchmarkDatabase.OPTIONS);
            known.addAll(Set.of("--query-url", "--token", "--alerts", "--raw-events", "--runs", "--reset", "--work-mem", "--cases"));
            Arguments arguments = Arguments.parse(args, known);
            Options o = new Options();
            o.queryUrl = arguments.text("--query-url", "http://localhost:8084");
            o.token = arguments.required("--token", "the admin token printed by ./vigil");
            o.database = BenchmarkDatabase.from(arguments);
            o.alerts = arguments.number("--alerts", 1_000_000);
            o.rawEvents = arguments.number("--raw-events", 5_000_000);
            o.runs = arguments.integer("--runs", 15);
            o.reset = arguments.bool("--reset", false);
            o.workMem = arguments.text("--work-mem", "32MB");
            String cases = arguments.text("--cases", "");
            o.cases = cases.isBlank() ? Set.of() : Set.of(cases.split(","));
            return o;
        }
    }
}
