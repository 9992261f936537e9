package io.vigil.stack.brokertls;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

/**
 * Makes {@link RegistryDecidesTrustManager} this JVM's default trust manager algorithm.
 * <p>
 * HiveMQ Community Edition builds its TLS listener's trust manager from the JVM's default algorithm and a trust
 * store file, and offers no other hook; so the run command, which hosts the embedded broker, installs this before
 * the broker starts. Every other user of the default algorithm in the launcher JVM keeps the JDK's checks of
 * server certificates (they are delegated to PKIX over the same trust store); only servers asking for client
 * certificates are affected, and the embedded broker's listener is the one server of that kind in the launcher.
 */
public final class DeviceCertificateTrust {

    public static final String ALGORITHM = "VigilDeviceCertificates";
    private static final String PROVIDER = "VigilBrokerTls";

    private DeviceCertificateTrust() {
    }

    /** Idempotent: registers the provider once and points the default algorithm at it. */
    public static synchronized void installAsDefault() {
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new TrustProvider());
        }
        Security.setProperty("ssl.TrustManagerFactory.algorithm", ALGORITHM);
    }

    private static final class TrustProvider extends Provider {

        TrustProvider() {
            super(PROVIDER, "1", "Client certificates are decided by the Vigil device registry");
            putService(new Service(this, "TrustManagerFactory", ALGORITHM, Factory.class.getName(), null, null));
        }
    }

    /** Instantiated by the JCA through its public no-argument constructor. */
    public static final class Factory extends TrustManagerFactorySpi {

        private TrustManager[] managers;

        public Factory() {
            // for the JCA
        }

        @Override
        protected void engineInit(KeyStore trustStore) throws KeyStoreException {
            TrustManagerFactory pkix = pkix();
            pkix.init(trustStore);
            managers = wrap(pkix);
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) throws InvalidAlgorithmParameterException {
            TrustManagerFactory pkix = pkix();
            pkix.init(parameters);
            managers = wrap(pkix);
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            if (managers == null) {
                throw new IllegalStateException("trust manager factory not initialised");
            }
            return managers.clone();
        }

        private static TrustManagerFactory pkix() {
            try {
                return TrustManagerFactory.getInstance("PKIX");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no PKIX trust manager", e);
            }
        }

        private static TrustManager[] wrap(TrustManagerFactory pkix) {
            return Arrays.stream(pkix.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(manager -> (TrustManager) new RegistryDecidesTrustManager((X509ExtendedTrustManager) manager))
                    .toArray(TrustManager[]::new);
        }
    }
}
