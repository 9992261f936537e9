/**
 * Devices' own twin topics over MQTT: reading the twin, reporting properties, hearing of desired changes. See
 * {@link io.vigil.twin.devicechannel.TwinTopic} for the topics.
 */
package io.vigil.twin.devicechannel;
