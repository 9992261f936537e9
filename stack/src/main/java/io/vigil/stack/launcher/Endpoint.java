package io.vigil.stack.launcher;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A server given by URL: {@code postgresql://user:password@host:5432/vigil} or {@code mqtt://user:password@host:1883}.
 */
record Endpoint(String host, int port, String user, String password, String path) {

    static Endpoint parse(String url, String expectedScheme, int defaultPort) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new LauncherException("not a URL: " + url + " (expected " + expectedScheme + "://host:port...)");
        }
        String scheme = uri.getScheme();
        boolean postgresAlias = expectedScheme.equals("postgresql") && "postgres".equals(scheme);
        if (!(expectedScheme.equals(scheme) || postgresAlias || (expectedScheme.equals("mqtt") && "tcp".equals(scheme)))) {
            throw new LauncherException("expected a " + expectedScheme + ":// URL, got: " + url);
        }
        if (uri.getHost() == null) {
            throw new LauncherException("the URL names no host: " + url);
        }
        String user = null;
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Endpoint(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), user, password, path);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
