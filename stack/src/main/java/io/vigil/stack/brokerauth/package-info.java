/** Device identity on the embedded broker: a HiveMQ extension that asks twin-service who may connect. */
package io.vigil.stack.brokerauth;
