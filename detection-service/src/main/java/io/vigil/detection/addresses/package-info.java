/**
 * IP address literals and CIDR ranges as detection reads them from operator settings (custom alert allow-lists,
 * threat-intelligence lists) and from agent events. Only literals are parsed: no text ever becomes a DNS lookup.
 */
package io.vigil.detection.addresses;
