/**
 * The embedded broker's TLS listener: its server identity, and the trust rule that hands every client certificate
 * to the device registry instead of judging it during the handshake.
 */
package io.vigil.stack.brokertls;
