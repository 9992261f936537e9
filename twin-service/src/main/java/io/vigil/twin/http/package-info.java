/** The conventions every twin-service API shares: IoT Hub's error codes and its {@code If-Match} preconditions. */
package io.vigil.twin.http;
