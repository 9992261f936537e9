package io.vigil.simulator;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the broker listens, from {@code --broker mqtt://host:1883} ({@code tcp://} and a bare {@code host:port} work too). */
record BrokerAddress(String host, int port) {

    static final int DEFAULT_PORT = 1883;

    static BrokerAddress parse(String text) {
        String url = text.contains("://") ? text : "mqtt://" + text;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--broker is not a URL: " + text);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("mqtts") || scheme.equals("ssl") || scheme.equals("tls")) {
            throw new UsageException("--broker: TLS is not supported yet, use mqtt://");
        }
        if (!scheme.equals("mqtt") && !scheme.equals("tcp")) {
            throw new UsageException("--broker must be an mqtt:// URL, got: " + text);
        }
        if (uri.getUserInfo() != null) {
            throw new UsageException("--broker: give credentials with --username-template and --password, not in the URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("--broker has no host: " + text);
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new UsageException("--broker takes no path: " + text);
        }
        return new BrokerAddress(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    @Override
    public String toString() {
        return "mqtt://" + host + ":" + port;
    }
}
