package io.vigil.faults.check;

import io.vigil.faults.load.PublishLedger;
import io.vigil.faults.load.PublishLedger.ExpectedEvent;

import java.sql.SQLException;
import java.util.Map;

/**
 * Compares SecurityIoTRawEvent with the ledger: every acknowledged event's rows stored, each exactly once (one row
 * per device, event id and payload index).
 */
public final class StoredEvents {

    /** Rows per phase: what the acknowledged messages must have become, and what is there. */
    public record Tally(long published, long stored, long duplicated, long lost) {
    }

    private final long[] published = new long[PublishLedger.MAX_PHASES];
    private final long[] stored = new long[PublishLedger.MAX_PHASES];
    private final long[] duplicated = new long[PublishLedger.MAX_PHASES];
    private long storedWithoutAcknowledgement;

    private StoredEvents() {
    }

    public static StoredEvents check(Sql.Connector db, PublishLedger ledger) throws SQLException {
        StoredEvents result = new StoredEvents();
        Map<String, ExpectedEvent> expected = ledger.events();
        expected.values().forEach(event -> result.published[event.phase()] += event.rows());
        Sql.forEach(db, """
                SELECT device_id, iot_raw_event_id, count(*) AS row_count, count(DISTINCT payload_index) AS distinct_rows
                FROM workspace.security_iot_raw_event GROUP BY device_id, iot_raw_event_id""", row -> {
            String key = PublishLedger.key(row.getString(1), row.getString(2));
            long rows = row.getLong(3);
            long distinct = row.getLong(4);
            ExpectedEvent event = expected.get(key);
            if (event == null) {
                // A message whose PUBACK never came may still have reached the broker: neither lost nor a duplicate.
                result.storedWithoutAcknowledgement += distinct;
                return;
            }
            result.stored[event.phase()] += Math.min(distinct, event.rows());
            result.duplicated[event.phase()] += rows - distinct;
        });
        return result;
    }

    public Tally phase(int index) {
        return new Tally(published[index], stored[index], duplicated[index], published[index] - stored[index]);
    }

    public Tally total() {
        long p = 0;
        long s = 0;
        long d = 0;
        for (int i = 0; i < PublishLedger.MAX_PHASES; i++) {
            p += published[i];
            s += stored[i];
            d += duplicated[i];
        }
        return new Tally(p, s, d, p - s);
    }

    /** Rows of messages the devices never had confirmed; reported, not counted against the suite. */
    public long storedWithoutAcknowledgement() {
        return storedWithoutAcknowledgement;
    }
}
