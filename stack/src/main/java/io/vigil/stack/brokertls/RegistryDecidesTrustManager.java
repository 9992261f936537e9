package io.vigil.stack.brokertls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Accepts any client certificate chain during the TLS handshake and checks servers' chains as the JDK does.
 * <p>
 * A device's certificate is judged by twin-service at CONNECT, from what the broker's extension passes on: a
 * self-signed certificate by its registered thumbprint, a CA-signed one by its chain to the hub's CA, an expired
 * one refused with its own reason so that the hub raises the matching alert. Refusing it here instead would end
 * the handshake before anyone knows which device tried. The handshake itself still proves that the client holds
 * the private key of the certificate it presents (its CertificateVerify signature is checked by the TLS engine
 * whatever the trust manager says).
 */
final class RegistryDecidesTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager serverChecks;

    RegistryDecidesTrustManager(X509ExtendedTrustManager serverChecks) {
        this.serverChecks = serverChecks;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireCertificate(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        requireCertificate(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        requireCertificate(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        serverChecks.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        serverChecks.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        serverChecks.checkServerTrusted(chain, authType, engine);
    }

    /** No issuer list in the certificate request: a device sends its certificate whoever issued it. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static void requireCertificate(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
    }
}
