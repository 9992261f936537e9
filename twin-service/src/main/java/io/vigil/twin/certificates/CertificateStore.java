package io.vigil.twin.certificates;

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

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hub's CA certificates in {@code twin.certificate}. Adding and deleting follow IoT Hub's rules (no
 * {@code If-Match} to add, the certificate's etag or {@code *} to replace or delete) and write their audit entry
 * in the same transaction.
 */
@ApplicationScoped
public class CertificateStore {

    private static final String COLUMNS = "name, etag, pem, subject, thumbprint, expiry, created, updated";
    private static final String FIND = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 AND name = $2";
    private static final String LIST = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 ORDER BY name";
    private static final String VALID_AT = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 AND expiry > $2";
    private static final String INSERT = "INSERT INTO twin.certificate (hub, name, etag, pem, subject, thumbprint, expiry)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE twin.certificate SET etag = $3, pem = $4, subject = $5, thumbprint = $6, expiry = $7,"
            + " updated = now() WHERE hub = $1 AND name = $2 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM twin.certificate WHERE hub = $1 AND name = $2";

    private final Pool pool;
    private final AuditTrail audit;

    CertificateStore(Pool pool, AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Future<Optional<CaCertificate>> find(String hub, String name) {
        return pool.preparedQuery(FIND).execute(Tuple.of(hub, name)).map(rows -> first(hub, rows));
    }

    public Future<List<CaCertificate>> list(String hub) {
        return pool.preparedQuery(LIST).execute(Tuple.of(hub)).map(rows -> all(hub, rows));
    }

    /** The hub's CA certificates that have not expired: the trust anchors of certificate-authenticated devices. */
    public Future<List<CaCertificate>> validAt(String hub, Instant now) {
        return pool.preparedQuery(VALID_AT).execute(Tuple.of(hub, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))).map(rows -> all(hub, rows));
    }

    public Future<CaCertificate> put(String hub, String name, X509Certificate certificate, IfMatch ifMatch, String actor) {
        Tuple values = Tuple.of(hub, name, TwinDocuments.newDeviceEtag(), CertificateText.pem(certificate),
                certificate.getSubjectX500Principal().getName(), CertificateText.thumbprint(certificate),
                OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC));
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> {
                    Optional<CaCertificate> current = first(hub, rows);
                    if (current.isEmpty() && ifMatch.present()) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("certificate " + name + " does not exist; send no If-Match to add it"));
                    }
                    if (current.isPresent() && !ifMatch.present()) {
                        return Future.failedFuture(new TwinApiException(409, "CertificateAlreadyExists",
                                "certificate " + name + " exists; send If-Match with its etag (or *) to replace it"));
                    }
                    if (current.isPresent() && !ifMatch.matches(current.get().etag())) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("the etag of certificate " + name + " is "
                                + current.get().etag() + ", not " + ifMatch.etag()));
                    }
                    return connection.preparedQuery(current.isEmpty() ? INSERT : UPDATE).execute(values)
                            .compose(written -> audit.succeeded(connection, hub, actor, "certificate.add", name)
                                    .map(v -> first(hub, written).orElseThrow()));
                }));
    }

    public Future<Void> delete(String hub, String name, IfMatch ifMatch, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> {
                    Optional<CaCertificate> current = first(hub, rows);
                    if (current.isEmpty()) {
                        return Future.failedFuture(new TwinApiException(404, "CertificateNotFound", "no certificate " + name));
                    }
                    if (!ifMatch.present()) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("deleting certificate " + name
                                + " needs If-Match with its etag (or *)"));
                    }
                    if (!ifMatch.matches(current.get().etag())) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("the etag of certificate " + name + " is "
                                + current.get().etag() + ", not " + ifMatch.etag()));
                    }
                    return connection.preparedQuery(DELETE).execute(Tuple.of(hub, name))
                            .compose(v -> audit.succeeded(connection, hub, actor, "certificate.delete", name));
                }));
    }

    private static Optional<CaCertificate> first(String hub, RowSet<Row> rows) {
        List<CaCertificate> all = all(hub, rows);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<CaCertificate> all(String hub, RowSet<Row> rows) {
        List<CaCertificate> certificates = new ArrayList<>();
        for (Row row : rows) {
            certificates.add(new CaCertificate(hub, row.getString("name"), row.getString("etag"), row.getString("pem"),
                    row.getString("subject"), row.getString("thumbprint"), row.getOffsetDateTime("expiry").toInstant(),
                    row.getOffsetDateTime("created").toInstant(), row.getOffsetDateTime("updated").toInstant()));
        }
        return certificates;
    }
}
