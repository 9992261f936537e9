package io.vigil.detection.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Evidence;
import io.vigil.detection.Observation;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * USB and Ethernet hardware plugged in or removed, from consecutive ConnectedHardware snapshots of a device: an item
 * that a snapshot lists and the previous one did not raises IoT_USBConnection / IoT_EthernetConnection, one that
 * is gone raises IoT_UsbDisconnection / IoT_EthernetDisconnection. The hardware of each device's latest snapshot
 * lives in {@code detection.device_hardware}, so that every replica compares with the same one.
 * <ul>
 * <li>A device's first snapshot is its baseline and raises nothing: what was plugged in before Vigil knew it is not news.</li>
 * <li>A snapshot no later than the stored one (a late or out-of-order message) is ignored, so state never flips back.</li>
 * <li>A snapshot without items (an empty event) says nothing about the hardware and is ignored as well.</li>
 * </ul>
 */
@ApplicationScoped
public class HardwareSnapshots {

    static final String EVENT = "ConnectedHardware";

    /** Another lock class than the brute-force one; taken after it in a batch, in device order, so no two batches deadlock. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(7311101, hashtext($1))";
    private static final String LOAD = """
            SELECT h.hub, h.device_id, h.snapshot_at, h.items::text AS items
            FROM detection.device_hardware h JOIN unnest($1::text[], $2::text[]) AS d(hub, device_id)
              ON h.hub = d.hub AND h.device_id = d.device_id
            """;
    private static final String STORE = """
            INSERT INTO detection.device_hardware AS h (hub, device_id, snapshot_at, items)
            SELECT hub, device_id, snapshot_at, items::jsonb
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS s(hub, device_id, snapshot_at, items)
            ON CONFLICT (hub, device_id) DO UPDATE SET snapshot_at = excluded.snapshot_at, items = excluded.items, updated_at = now()
            WHERE h.snapshot_at < excluded.snapshot_at
            """;

    private final ObjectMapper mapper;

    HardwareSnapshots(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Compares the batch's ConnectedHardware snapshots with each device's previous one; returns the changes' alerts. */
    public Future<List<AlertHit>> evaluate(SqlConnection connection, List<Observation> observations) {
        Map<String, List<Snapshot>> byDevice = snapshots(observations);
        if (byDevice.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Future<Void> chain = Future.succeededFuture();
        // Two replicas may hold snapshots of one device at once (a lane each); the lock makes the later transaction
        // compare with what the earlier one stored instead of both comparing with the same old snapshot.
        for (String device : byDevice.keySet()) {
            chain = chain.compose(v -> connection.preparedQuery(LOCK).execute(Tuple.of(device)).mapEmpty());
        }
        List<String> hubs = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        byDevice.values().forEach(list -> {
            hubs.add(list.get(0).hub());
            devices.add(list.get(0).deviceId());
        });
        return chain.compose(v -> connection.preparedQuery(LOAD).execute(Tuple.tuple()
                        .addValue(hubs.toArray(String[]::new)).addValue(devices.toArray(String[]::new))))
                .compose(rows -> {
                    Map<String, Snapshot> stored = new HashMap<>();
                    for (Row row : rows) {
                        Snapshot previous = stored(row);
                        stored.put(previous.device(), previous);
                    }
                    List<AlertHit> hits = new ArrayList<>();
                    List<Snapshot> latest = new ArrayList<>();
                    byDevice.forEach((device, batch) -> {
                        Snapshot last = compare(stored.get(device), batch, hits);
                        if (last != stored.get(device)) {
                            latest.add(last);
                        }
                    });
                    return store(connection, latest).map(v -> hits);
                });
    }

    /** Walks a device's snapshots in time order from the stored one; returns the last one that counts. */
    private Snapshot compare(Snapshot stored, List<Snapshot> batch, List<AlertHit> hits) {
        Snapshot previous = stored;
        for (Snapshot snapshot : batch) {
            if (previous == null) {
                previous = snapshot;
                continue;
            }
            if (!snapshot.at().isAfter(previous.at())) {
                continue;
            }
            for (HardwareChange change : HardwareChange.between(previous.items(), snapshot.items())) {
                hits.add(new AlertHit(snapshot.hub(), snapshot.deviceId(), change.alert(), snapshot.at(),
                        evidence(snapshot, previous, change), entities(snapshot)));
            }
            previous = snapshot;
        }
        return previous;
    }

    private Future<Void> store(SqlConnection connection, List<Snapshot> latest) {
        if (latest.isEmpty()) {
            return Future.succeededFuture();
        }
        String[] hubs = latest.stream().map(Snapshot::hub).toArray(String[]::new);
        String[] devices = latest.stream().map(Snapshot::deviceId).toArray(String[]::new);
        OffsetDateTime[] times = latest.stream().map(s -> s.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        String[] items = latest.stream().map(this::itemsJson).toArray(String[]::new);
        return connection.preparedQuery(STORE).execute(Tuple.tuple().addValue(hubs).addValue(devices).addValue(times).addValue(items)).mapEmpty();
    }

    /** The batch's snapshots (one per event id), per device in lock order, each device's in time order. */
    private static Map<String, List<Snapshot>> snapshots(List<Observation> observations) {
        Map<String, Map<String, Snapshot>> byDevice = new TreeMap<>();
        for (Observation o : observations) {
            if (!o.eventName().equals(EVENT)) {
                continue;
            }
            byDevice.computeIfAbsent(key(o.hub(), o.deviceId()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(o.eventId(), id -> new Snapshot(o.hub(), o.deviceId(), o.time(), new LinkedHashSet<>(),
                            new HashMap<>(), o))
                    .add(o.item());
        }
        Map<String, List<Snapshot>> ordered = new TreeMap<>();
        byDevice.forEach((device, events) -> ordered.put(device, events.values().stream()
                .sorted(Comparator.comparing(Snapshot::at)).toList()));
        return ordered;
    }

    private Snapshot stored(Row row) {
        Set<HardwareItem> items = new LinkedHashSet<>();
        try {
            for (JsonNode item : mapper.readTree(row.getString("items"))) {
                items.add(new HardwareItem(item.path(0).asText(), item.path(1).asText(), item.path(2).asText()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored hardware of " + row.getString("device_id"), e);
        }
        return new Snapshot(row.getString("hub"), row.getString("device_id"), row.getOffsetDateTime("snapshot_at").toInstant(),
                items, Map.of(), null);
    }

    private String itemsJson(Snapshot snapshot) {
        ArrayNode items = mapper.createArrayNode();
        snapshot.items().forEach(item -> items.addArray().add(item.category()).add(item.subCategory()).add(item.name()));
        return items.toString();
    }

    private ObjectNode evidence(Snapshot snapshot, Snapshot previous, HardwareChange change) {
        ObjectNode evidence = mapper.createObjectNode();
        evidence.put("Hardware Category", change.item().category());
        evidence.put("Hardware Sub Category", change.item().subCategory());
        evidence.put("Hardware Name", change.item().name());
        JsonNode extra = snapshot.extraDetails().get(change.item());
        if (extra != null) {
            evidence.set("ExtraDetails", extra);
        }
        evidence.put("Snapshot Time", snapshot.at().toString());
        evidence.put("Previous Snapshot Time", previous.at().toString());
        evidence.put("DeviceId", snapshot.deviceId());
        return evidence;
    }

    private static ArrayNode entities(Snapshot snapshot) {
        return Evidence.entities(snapshot.sample());
    }

    private static String key(String hub, String deviceId) {
        return hub + "\n" + deviceId;
    }

    /** One snapshot: its hardware and, for items of this batch, their ExtraDetails (Manufacturer, ...) for evidence. */
    private record Snapshot(String hub, String deviceId, Instant at, Set<HardwareItem> items,
                            Map<HardwareItem, JsonNode> extraDetails, Observation sample) {

        String device() {
            return key(hub, deviceId);
        }

        void add(ObjectNode item) {
            HardwareItem hardware = HardwareItem.of(item);
            items.add(hardware);
            if (item.has("ExtraDetails")) {
                extraDetails.put(hardware, item.get("ExtraDetails"));
            }
        }
    }
}
