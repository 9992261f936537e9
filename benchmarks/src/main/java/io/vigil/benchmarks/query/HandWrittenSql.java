package io.vigil.benchmarks.query;

/**
 * The SQL an engineer would write by hand for each saved query, answering the same question over the same tables:
 * the yardstick the compiled KQL is measured against. Case-insensitive {@code contains} is written as
 * {@code strpos(lower(..), lower(..))}, as KQL defines it. The alert summaries group by SecurityAlert's device_id
 * column, which a CHECK constraint keeps equal to ExtendedProperties' DeviceId, as an engineer who knows the schema
 * would.
 */
final class HandWrittenSql {

    private HandWrittenSql() {
    }

    static final String DEVICE_SUMMARY = """
            SELECT resource_id, device_id, alert_severity, display_name,
                   count(DISTINCT system_alert_id)
            FROM workspace.security_alert
            WHERE time_generated > now() - interval '7 days'
            GROUP BY 1, 2, 3, 4""";

    static final String HUB_SUMMARY = """
            SELECT resource_id, alert_severity, display_name, count(DISTINCT device_id)
            FROM workspace.security_alert
            WHERE time_generated > now() - interval '7 days'
            GROUP BY 1, 2, 3""";

    static final String RECOMMENDATION_DEVICE_SUMMARY = """
            SELECT assessed_resource_id, device_id, recommendation_severity, count(*)
            FROM (SELECT DISTINCT ON (assessed_resource_id, device_id, recommendation_severity, recommendation_display_name)
                         assessed_resource_id, device_id, recommendation_severity, recommendation_state
                  FROM workspace.security_recommendation
                  ORDER BY assessed_resource_id, device_id, recommendation_severity, recommendation_display_name,
                           recommendation_state DESC) AS current
            WHERE recommendation_state = 'Active'
            GROUP BY 1, 2, 3""";

    /** Parameters: device, hub. */
    static final String RELATED_ALERTS = """
            SELECT time_generated, alert_name, alert_severity, description, extended_properties
            FROM workspace.security_alert
            WHERE strpos(lower(extended_properties), lower(?)) > 0 AND strpos(lower(resource_id), lower(?)) > 0""";

    static final String USERS_WITH_ACCESS = """
            SELECT event_details::jsonb ->> 'GroupNames', event_details::jsonb ->> 'UserName',
                   min((event_details::jsonb ->> 'TimestampLocal')::timestamptz)
            FROM workspace.security_iot_raw_event
            WHERE device_id = ? AND strpos(lower(associated_resource_id), lower(?)) > 0 AND raw_event_name = 'LocalUsers'
            GROUP BY 1, 2""";

    static final String OPEN_PORTS = """
            SELECT d ->> 'Protocol', (d ->> 'LocalPort')::int, min((d ->> 'TimestampLocal')::timestamptz),
                   max((d ->> 'TimestampLocal')::timestamptz), array_agg(DISTINCT d ->> 'RemoteAddress'),
                   array_agg(DISTINCT d ->> 'RemotePort')
            FROM (SELECT event_details::jsonb AS d FROM workspace.security_iot_raw_event
                  WHERE device_id = ? AND strpos(lower(associated_resource_id), lower(?)) > 0
                    AND raw_event_name = 'ListeningPorts') AS ports
            WHERE (d ->> 'LocalPort')::int <= 1024
            GROUP BY 1, 2""";

    static final String USER_LOGINS = """
            SELECT d ->> 'UserName', d ->> 'Result', d ->> 'Executable', count(*),
                   min((d ->> 'TimestampLocal')::timestamptz), max((d ->> 'TimestampLocal')::timestamptz),
                   count(DISTINCT d ->> 'RemoteAddress'), array_agg(DISTINCT d ->> 'RemoteAddress')
            FROM (SELECT event_details::jsonb AS d FROM workspace.security_iot_raw_event
                  WHERE device_id = ? AND strpos(lower(associated_resource_id), lower(?)) > 0 AND raw_event_name = 'Login'
                    AND strpos(lower(event_details), lower('RemoteAddress')) > 0
                    AND strpos(lower(event_details), lower('"RemoteAddress":"127.0.0.1"')) = 0
                    AND strpos(lower(event_details), lower('"UserName":"(invalid user)"')) = 0
                    AND strpos(lower(event_details), lower('"UserName":"(unknown user)"')) = 0) AS logins
            GROUP BY 1, 2, 3""";

    /** Parameters: device, hub, device, hub. */
    static final String PROCESS_LIST = """
            WITH processes AS (
                SELECT event_details::jsonb AS d FROM workspace.security_iot_raw_event
                WHERE device_id = ? AND strpos(lower(associated_resource_id), lower(?)) > 0 AND raw_event_name = 'ProcessCreate'),
            users AS (
                SELECT DISTINCT event_details::jsonb ->> 'UserId' AS user_id, event_details::jsonb ->> 'UserName' AS user_name
                FROM workspace.security_iot_raw_event
                WHERE device_id = ? AND strpos(lower(associated_resource_id), lower(?)) > 0 AND raw_event_name = 'LocalUsers')
            SELECT p.d ->> 'Executable', count(*), min((p.d ->> 'TimestampLocal')::timestamptz),
                   max((p.d ->> 'TimestampLocal')::timestamptz),
                   array_agg(DISTINCT 'Id:' || coalesce(p.d ->> 'UserId', '') || ', Name:' || coalesce(u.user_name, '')),
                   array_agg(DISTINCT p.d ->> 'CommandLine')
            FROM processes AS p LEFT JOIN users AS u ON u.user_id = p.d ->> 'UserId'
            GROUP BY 1""";
}
