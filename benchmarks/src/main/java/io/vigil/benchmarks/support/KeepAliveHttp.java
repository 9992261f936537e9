package io.vigil.benchmarks.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmarks' HTTP/1.1 client: one kept-alive connection, a request sent in one write, the answer read whole
 * (by Content-Length or chunks).
 * <p>
 * Why not {@code java.net.http.HttpClient} or {@code HttpURLConnection}: against the same twin-service call (a page of
 * 100 items, 13 KB; six rounds of 500 calls), both took 4.9-6.3 ms p50 where curl took 2.6-3.0 ms and a socket
 * client writing each request at once 2.4-3.1 ms, so the JDK clients' own costs were about half of what a benchmark
 * timed. A benchmark measures the service, so its client must cost next to nothing.
 * Not thread-safe; one instance per thread.
 */
public final class KeepAliveHttp implements AutoCloseable {

    /** An answer: its status, its headers (names lower-cased) and its body as text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** @param base {@code http://host:port}; requests name their own path */
    public KeepAliveHttp(String base) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs: " + base);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    }

    /** POSTs a JSON body to a path (with its query string) with the given extra headers. */
    public Response postJson(String pathAndQuery, Map<String, String> headers, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(':').append(port).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        try {
            return exchange(request);
        } catch (IOException e) {
            // The server may have closed the idle connection; one fresh connection, then the error stands.
            close();
            return exchange(request);
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }
        out.write(request);
        out.flush();
        String statusLine = readLine();
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (first, next) -> first + ", " + next);
            }
        }
        byte[] body = readBody(headers);
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(Integer.parseInt(status[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine();
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                        // trailers are not used
                    }
                    return body.toByteArray();
                }
                body.write(readExactly(length));
                readLine();
            }
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : readExactly(Integer.parseInt(length));
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the connection closed inside a body");
        }
        return bytes;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
