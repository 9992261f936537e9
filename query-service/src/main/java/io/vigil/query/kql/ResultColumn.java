package io.vigil.query.kql;

/**
 * One column of a query's result, as the Log Analytics API reports it.
 *
 * @param name the KQL column name (case-sensitive, may contain any character)
 * @param type the KQL type name: string, long, int, real, bool, datetime, timespan, dynamic or guid
 */
public record ResultColumn(String name, String type) {
}
