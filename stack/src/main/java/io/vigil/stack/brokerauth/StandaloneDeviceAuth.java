package io.vigil.stack.brokerauth;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The device login check as an extension of a HiveMQ Community Edition broker of its own (the {@code
 * hivemq-extension} jar of this module, unpacked into the broker's {@code extensions/} folder), for a cluster or any
 * machine where the broker is not the run command's. Configured from the broker's environment:
 * <ul>
 *   <li>{@code VIGIL_TWIN_URL}: twin-service, e.g. {@code http://twin-service:8083};</li>
 *   <li>{@code VIGIL_BROKER_TOKEN_FILE}: a file holding a bearer token with the role {@code broker}, read again
 *       when it changes;</li>
 *   <li>{@code VIGIL_SERVICES_USERNAME} and {@code VIGIL_SERVICES_PASSWORD_FILE}: the account the suite's
 *       services log in with (allowed everything); devices can never use it.</li>
 * </ul>
 * A setting missing or unreadable stops the extension from starting, and HiveMQ then lets nobody in.
 */
public final class StandaloneDeviceAuth implements ExtensionMain {

    private final Map<String, String> environment;
    private DeviceAuthExtension delegate;

    public StandaloneDeviceAuth() {
        this(System.getenv());
    }

    StandaloneDeviceAuth(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        try {
            URI twinService = URI.create(required("VIGIL_TWIN_URL"));
            ServiceAccount services = new ServiceAccount(required("VIGIL_SERVICES_USERNAME"),
                    Files.readString(Path.of(required("VIGIL_SERVICES_PASSWORD_FILE")), StandardCharsets.UTF_8).trim());
            TokenFile token = new TokenFile(Path.of(required("VIGIL_BROKER_TOKEN_FILE")));
            token.get();
            delegate = new DeviceAuthExtension(services, twinService, token);
            delegate.extensionStart(input, output);
        } catch (IOException | RuntimeException e) {
            output.preventExtensionStartup("Vigil device authentication cannot start: " + e.getMessage());
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        if (delegate != null) {
            delegate.extensionStop(input, output);
        }
    }

    private String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
