package io.vigil.stack.brokerauth;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The embedded HiveMQ's side of device identity: every CONNECT goes through {@link BrokerLoginCheck}, which lets
 * the suite's services in with their own account and asks twin-service's {@code /broker/authenticate} about
 * everyone else, so the embedded broker decides exactly as any other broker wired to Vigil; devices' connections
 * and disconnections are reported by {@link ConnectionReporter}.
 */
public final class DeviceAuthExtension implements ExtensionMain {

    private final ServiceAccount services;
    private final URI twinService;
    private final Supplier<String> brokerToken;

    public DeviceAuthExtension(ServiceAccount services, URI twinService, Supplier<String> brokerToken) {
        this.services = services;
        this.twinService = twinService;
        this.brokerToken = brokerToken;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        BrokerLoginCheck check = new BrokerLoginCheck(services, twinService, brokerToken);
        Services.securityRegistry().setAuthenticatorProvider(provider -> check);
        ConnectionReporter connections = new ConnectionReporter(twinService, brokerToken);
        Services.eventRegistry().setClientLifecycleEventListener(provider -> connections);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // Nothing to release: the HTTP client closes with the process.
    }
}
