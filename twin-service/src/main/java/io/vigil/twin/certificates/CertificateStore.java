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
 * {@code If-Match} to add, the certificate's etag or {@code *} to replace or delete), and so does proof of
 * possession (a verification code, then a certificate signed with it, each step with the current etag); every change
 * writes its audit entry in its own transaction.
 */
@ApplicationScoped
public class CertificateStore {

    private static final String COLUMNS = "name, etag, pem, subject, thumbprint, expiry, is_verified, verification_code, created, updated";
    private static final String FIND = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 AND name = $2";
    private static final String LIST = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 ORDER BY name";
    private static final String VALID_AT = "SELECT " + COLUMNS + " FROM twin.certificate WHERE hub = $1 AND expiry > $2";
    // A new or replaced certificate starts without a pending code: a code asked for one certificate proves nothing of another.
    private static final String INSERT = "INSERT INTO twin.certificate (hub, name, etag, pem, subject, thumbprint, expiry, is_verified)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE twin.certificate SET etag = $3, pem = $4, subject = $5, thumbprint = $6, expiry = $7,"
            + " is_verified = $8, verification_code = NULL, updated = now() WHERE hub = $1 AND name = $2 RETURNING " + COLUMNS;
    private static final String SET_CODE = "UPDATE twin.certificate SET etag = $3, verification_code = $4, updated = now()"
            + " WHERE hub = $1 AND name = $2 RETURNING " + COLUMNS;
    private static final String SET_VERIFIED = "UPDATE twin.certificate SET etag = $3, is_verified = true, verification_code = NULL,"
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

    /**
     * The hub's CA certificates that have not expired, verified or not: the verified ones are the trust anchors of
     * certificate-authenticated devices, the others tell a device why its chain is refused.
     */
    public Future<List<CaCertificate>> validAt(String hub, Instant now) {
        return pool.preparedQuery(VALID_AT).execute(Tuple.of(hub, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))).map(rows -> all(hub, rows));
    }

    /** Adds or replaces a certificate: unverified, unless {@code verifiedOnUpload}. */
    public Future<CaCertificate> put(String hub, String name, X509Certificate certificate, boolean verifiedOnUpload, IfMatch ifMatch,
                                     String actor) {
        Tuple values = Tuple.of(hub, name, TwinDocuments.newDeviceEtag(), CertificateText.pem(certificate),
                certificate.getSubjectX500Principal().getName(), CertificateText.thumbprint(certificate),
                OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC), verifiedOnUpload);
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
                            .compose(written -> audit.succeeded(connection, hub, actor, CertificateActions.add(verifiedOnUpload), name)
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
                            .compose(v -> audit.succeeded(connection, hub, actor, CertificateActions.DELETE, name));
                }));
    }

    /** Gives the certificate a new verification code (replacing a pending one) and a new etag. */
    public Future<CaCertificate> generateVerificationCode(String hub, String name, IfMatch ifMatch, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> current(hub, name, rows, ifMatch, "generating a verification code"))
                .compose(current -> connection.preparedQuery(SET_CODE)
                        .execute(Tuple.of(hub, name, TwinDocuments.newDeviceEtag(), ProofOfPossession.newVerificationCode())))
                .compose(written -> audit.succeeded(connection, hub, actor, CertificateActions.GENERATE_VERIFICATION_CODE, name)
                        .map(v -> first(hub, written).orElseThrow())));
    }

    /**
     * Verifies the certificate when {@code answer} proves possession of its key ({@link ProofOfPossession}): the code
     * is used up and the etag changes. A refused answer leaves the code as it was, so the owner can try again.
     */
    public Future<CaCertificate> verify(String hub, String name, String answer, IfMatch ifMatch, String actor, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, name))
                .compose(rows -> current(hub, name, rows, ifMatch, "verifying"))
                .compose(current -> {
                    ProofOfPossession.check(current, answer, now);
                    return connection.preparedQuery(SET_VERIFIED).execute(Tuple.of(hub, name, TwinDocuments.newDeviceEtag()));
                })
                .compose(written -> audit.succeeded(connection, hub, actor, CertificateActions.VERIFY, name).map(v -> first(hub, written).orElseThrow())));
    }

    /**
     * The certificate a step of proof of possession works on: it must exist, and If-Match must name its etag. Not
     * {@code *}: the code and its answer belong to one version of the certificate, not to whatever replaced it.
     */
    private static Future<CaCertificate> current(String hub, String name, RowSet<Row> rows, IfMatch ifMatch, String doing) {
        Optional<CaCertificate> current = first(hub, rows);
        if (current.isEmpty()) {
            return Future.failedFuture(new TwinApiException(404, "CertificateNotFound", "no certificate " + name));
        }
        if (!ifMatch.present()) {
            return Future.failedFuture(TwinApiException.preconditionFailed(doing + " certificate " + name + " needs If-Match with its etag"));
        }
        if (!current.get().etag().equals(ifMatch.etag())) {
            return Future.failedFuture(TwinApiException.preconditionFailed("the etag of certificate " + name + " is "
                    + current.get().etag() + ", not " + ifMatch.etag()));
        }
        return Future.succeededFuture(current.get());
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
                    row.getBoolean("is_verified"), row.getString("verification_code"), row.getOffsetDateTime("created").toInstant(), row.getOffsetDateTime("updated").toInstant()));
        }
        return certificates;
    }
}
