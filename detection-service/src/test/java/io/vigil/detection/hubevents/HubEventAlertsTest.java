package io.vigil.detection.hubevents;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Over the real broker and PostgreSQL: hub events of refused logins in, the hub's identity alerts out. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HubEventAlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void eachRefusalReasonOfTheCatalogRaisesItsAlert() throws Exception {
        Map<String, String> expected = Map.of(
                "invalid-signature", "IoT_Invalid_SAS_Token",
                "expired-token", "IoT_Expired_SAS_Token",
                "thumbprint-mismatch", "IoT_Cert_Print_Mismatch",
                "certificate-expired", "IoT_Cert_Expired");
        try (TestMqttClient twin = TestMqttClient.connect()) {
            for (Map.Entry<String, String> reason : expected.entrySet()) {
                publish(twin, notice("he-" + reason.getKey(), reason.getKey(), 3));
            }
            // Not alerts of the catalog.
            publish(twin, notice("he-unknown", "unknown-device", 1));
            publish(twin, notice("he-disabled", "disabled-device", 1));
        }
        for (Map.Entry<String, String> reason : expected.entrySet()) {
            String device = "he-" + reason.getKey();
            await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                    + " WHERE device_id = ? AND alert_type = ?", device, reason.getValue()) > 0);
        }
        assertThat(TestDatabase.query("SELECT alert_severity, display_name, resource_id, extended_properties, entities"
                + " FROM workspace.security_alert WHERE device_id = 'he-invalid-signature'")).first().satisfies(row -> {
            assertThat(row.get("alert_severity")).isEqualTo("Medium");
            assertThat(row.get("display_name")).isEqualTo("Invalid SAS Token Signature");
            assertThat(row.get("resource_id")).isEqualTo(TestHub.RESOURCE_ID);
            assertThat((String) row.get("extended_properties")).contains("\"DeviceId\":\"he-invalid-signature\"")
                    .contains("\"Client Address\":\"192.0.2.44\"").contains("\"Attempts\":3").contains("\"Reason\":\"invalid-signature\"");
            assertThat((String) row.get("entities")).contains("192.0.2.44");
        });
        assertThat(TestDatabase.query("SELECT alert_severity FROM workspace.security_alert WHERE device_id = 'he-expired-token'"))
                .first().satisfies(row -> assertThat(row.get("alert_severity")).isEqualTo("Low"));
        Thread.sleep(1000);
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id IN ('he-unknown', 'he-disabled')")).isZero();
    }

    @Test
    void aRedeliveredNoticeCountsOnceAndLaterOnesUpdateTheAlert() throws Exception {
        HubEventNotice first = notice("he-repeat", "invalid-signature", 1);
        try (TestMqttClient twin = TestMqttClient.connect()) {
            publish(twin, first);
            publish(twin, first);
            await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                    + " WHERE device_id = 'he-repeat'") > 0);
            Thread.sleep(1000);
            assertThat(TestDatabase.count("SELECT max(hit_count) FROM detection.alert_state WHERE device_id = 'he-repeat'")).isEqualTo(1);
            publish(twin, notice("he-repeat", "invalid-signature", 5));
            await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT max(hit_count) FROM detection.alert_state"
                    + " WHERE device_id = 'he-repeat'") == 2);
        }
        assertThat(TestDatabase.count("SELECT count(DISTINCT system_alert_id) FROM workspace.security_alert WHERE device_id = 'he-repeat'"))
                .isEqualTo(1);
    }

    @Test
    void certificateAndDiagnosticSettingChangesRaiseHubAlertsThatNoTwinCarries() throws Exception {
        Map<String, String> expected = Map.of(
                HubEventNotice.CERTIFICATE_ADDED, "IoT_CertificateSuccessfullyAddedToHub",
                HubEventNotice.CERTIFICATE_DELETED, "IoT_CertificateSuccessfullyDeletedFromHub",
                HubEventNotice.CERTIFICATE_ADD_FAILED, "IoT_CertificateFailedToBeAddedToHub",
                HubEventNotice.CERTIFICATE_DELETE_FAILED, "IoT_CertificateFailedToBeDeletedFromHub",
                HubEventNotice.DIAGNOSTIC_SETTING_CHANGED, "IoT_DiagnosticSettingAddedOrEditedOnHub",
                HubEventNotice.DIAGNOSTIC_SETTING_DELETED, "IoT_DiagnosticSettingDeletedFromHub");
        try (TestMqttClient twin = TestMqttClient.connect()) {
            twin.subscribe("vigil/v1/alerts/#");
            for (Map.Entry<String, String> change : expected.entrySet()) {
                Instant at = Instant.now();
                HubEventNotice notice = new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), TestHub.RESOURCE_ID,
                        "", "", change.getKey(), change.getKey().endsWith("failed") ? "PreconditionFailed: stale etag" : null, null, 1,
                        at, at, "ops@example.com", "cert-" + change.getKey());
                twin.publish(HubEventFeed.topic(TestHub.NAME, ""), TestHub.JSON.writeValueAsBytes(notice));
            }
            for (Map.Entry<String, String> change : expected.entrySet()) {
                await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                        + " WHERE alert_type = ? AND extended_properties LIKE ?", change.getValue(), "%cert-" + change.getKey() + "%") > 0);
            }
            // Only this test's notice: other runs on the same broker publish hub events of the same hub.
            assertThat(TestDatabase.query("SELECT display_name, alert_severity, extended_properties FROM workspace.security_alert"
                    + " WHERE alert_type = 'IoT_CertificateFailedToBeAddedToHub' AND extended_properties LIKE ?",
                    "%cert-" + HubEventNotice.CERTIFICATE_ADD_FAILED + "%")).first().satisfies(row -> {
                assertThat(row.get("display_name")).isEqualTo("Unsuccessful attempt to add a certificate to an IoT Hub was detected");
                assertThat(row.get("alert_severity")).isEqualTo("Medium");
                assertThat((String) row.get("extended_properties")).contains("\"Actor\":\"ops@example.com\"").contains("stale etag");
            });
            Thread.sleep(1000);
            assertThat(twin.received()).noneMatch(r -> r.text().contains("IoT_Certificate") || r.text().contains("IoT_Diagnostic"));
        }
    }

    private static HubEventNotice notice(String device, String reason, int count) {
        Instant last = Instant.now().minusSeconds(5);
        return new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), TestHub.RESOURCE_ID, device, "",
                HubEventNotice.AUTHENTICATION_FAILED, reason, "192.0.2.44", count, last.minusSeconds(count), last, null, null);
    }

    private static void publish(TestMqttClient twin, HubEventNotice notice) throws Exception {
        twin.publish(HubEventFeed.topic(TestHub.NAME, notice.deviceId()), TestHub.JSON.writeValueAsBytes(notice));
    }
}
