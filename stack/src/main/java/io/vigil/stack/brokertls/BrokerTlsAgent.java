package io.vigil.stack.brokertls;

import javax.net.ssl.TrustManagerFactory;

/**
 * Installs {@link DeviceCertificateTrust} in a HiveMQ broker of its own, before the broker builds its TLS
 * listener: started as {@code java -javaagent:vigil-broker-tls-agent.jar -jar hivemq.jar}. The run command does not
 * need it (it installs the trust itself before it starts its embedded broker); a broker's extension cannot do it,
 * because HiveMQ may open its listeners before it starts its extensions.
 * <p>
 * {@code java -javaagent:vigil-broker-tls-agent.jar -jar vigil-broker-tls-agent.jar} prints the JVM's default trust
 * manager algorithm, to check a broker image: {@value DeviceCertificateTrust#ALGORITHM} when the agent is in place.
 */
public final class BrokerTlsAgent {

    private BrokerTlsAgent() {
    }

    public static void premain(String arguments) {
        DeviceCertificateTrust.installAsDefault();
    }

    public static void main(String[] arguments) {
        System.out.println(TrustManagerFactory.getDefaultAlgorithm());
    }
}
