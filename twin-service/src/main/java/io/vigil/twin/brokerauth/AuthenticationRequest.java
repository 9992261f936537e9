package io.vigil.twin.brokerauth;

import java.util.List;

/**
 * What a broker knows of a connecting client, as it posts it to {@code POST /broker/authenticate}.
 *
 * @param password              the MQTT password: a SAS token for a key-authenticated device
 * @param certificateThumbprint the SHA-1 or SHA-256 hex thumbprint of the client certificate the broker's TLS
 *                              listener received, for a certificate-authenticated device (the broker has checked
 *                              that the client holds its private key)
 * @param certificateNotAfter   that certificate's end of validity (ISO 8601), when the broker passes it
 * @param certificateChain      the client's certificate chain, PEM, leaf first, for a device of type
 *                              {@code certificateAuthority}
 * @param clientAddress         the client's network address, for the hub events
 */
public record AuthenticationRequest(String clientId, String username, String password, String certificateThumbprint,
                                    String certificateNotAfter, List<String> certificateChain, String clientAddress) {
}
