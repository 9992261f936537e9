package io.vigil.twin.diagnostics;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.twin.audit.AuditTrail;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinDocuments;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hub's diagnostic settings in {@code twin.diagnostic_setting}. As Azure's resource: {@code PUT} creates or replaces
 * (an {@code If-Match}, when given, must hold), {@code DELETE} removes; each change writes its audit entry in its
 * transaction.
 */
@ApplicationScoped
public class DiagnosticSettingStore {

    private static final String FIND = "SELECT name, etag, properties::text AS properties, updated FROM twin.diagnostic_setting"
            + " WHERE hub = $1 AND name = $2";
    private static final String LIST = "SELECT name, etag, properties::text AS properties, updated FROM twin.diagnostic_setting"
            + " WHERE hub = $1 ORDER BY name";
    private static final String UPSERT = """
            INSERT INTO twin.diagnostic_setting AS d (hub, name, etag, properties) VALUES ($1, $2, $3, $4::text::jsonb)
            ON CONFLICT (hub, name) DO UPDATE SET etag = excluded.etag, properties = excluded.properties, updated = now()
            RETURNING name, etag, properties::text AS properties, updated
            """;
    private static final String DELETE = "DELETE FROM twin.diagnostic_setting WHERE hub = $1 AND name = $2";

    private final Pool pool;
    private final AuditTrail audit;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    DiagnosticSettingStore(Pool pool, AuditTrail audit, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.pool = pool;
        this.audit = audit;
        this.mapper = mapper;
    }

    public Future<Optional<DiagnosticSetting>> find(String hub, String name) {
        return pool.preparedQuery(FIND).execute(Tuple.of(hub, name)).map(rows -> first(hub, rows));
    }

    public Future<List<DiagnosticSetting>> list(String hub) {
        return pool.preparedQuery(LIST).execute(Tuple.of(hub)).map(rows -> all(hub, rows));
    }

    public Future<DiagnosticSetting> put(String hub, String name, DiagnosticSettingSpec spec, IfMatch ifMatch, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> {
                    Optional<DiagnosticSetting> current = first(hub, rows);
                    if (ifMatch.present() && (current.isEmpty() || !ifMatch.matches(current.get().etag()))) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("diagnostic setting " + name + " is not at etag " + ifMatch.etag()));
                    }
                    return connection.preparedQuery(UPSERT).execute(Tuple.of(hub, name, TwinDocuments.newDeviceEtag(), spec.properties().toString()))
                            .compose(written -> audit.succeeded(connection, hub, actor, current.isEmpty() ? "diagnostic-setting.add"
                                    : "diagnostic-setting.edit", name).map(v -> first(hub, written).orElseThrow()));
                }));
    }

    public Future<Void> delete(String hub, String name, IfMatch ifMatch, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> {
                    Optional<DiagnosticSetting> current = first(hub, rows);
                    if (current.isEmpty()) {
                        return Future.failedFuture(new TwinApiException(404, "DiagnosticSettingNotFound", "no diagnostic setting " + name));
                    }
                    if (!ifMatch.matches(current.get().etag())) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("diagnostic setting " + name + " is not at etag " + ifMatch.etag()));
                    }
                    return connection.preparedQuery(DELETE).execute(Tuple.of(hub, name))
                            .compose(v -> audit.succeeded(connection, hub, actor, "diagnostic-setting.delete", name));
                }));
    }

    private Optional<DiagnosticSetting> first(String hub, RowSet<Row> rows) {
        List<DiagnosticSetting> all = all(hub, rows);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<DiagnosticSetting> all(String hub, RowSet<Row> rows) {
        List<DiagnosticSetting> settings = new ArrayList<>();
        for (Row row : rows) {
            try {
                settings.add(new DiagnosticSetting(hub, row.getString("name"), row.getString("etag"), mapper.readTree(row.getString("properties")),
                        row.getOffsetDateTime("updated").toInstant()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a diagnostic setting in the database is not JSON", e);
            }
        }
        return settings;
    }
}
