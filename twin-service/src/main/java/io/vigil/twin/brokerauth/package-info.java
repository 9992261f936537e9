/**
 * Device identity at the broker: the authentication and authorization backend every supported broker calls, SAS
 * token and certificate thumbprint checks against the registry, per-device topic rules, and hub events for refused
 * logins.
 */
package io.vigil.twin.brokerauth;
