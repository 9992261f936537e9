package io.vigil.faults.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between the services and PostgreSQL, the one part of the database path the harness can break without
 * touching the server: {@link #cut()} drops every open connection and refuses new ones (reset at once), as a failed
 * network or a failover would; {@link #slow(Duration)} holds every chunk the server sends for a while, so each
 * round trip costs that much more, as an overloaded server or a distant one would.
 */
public final class DatabaseProxy implements AutoCloseable {

    private enum Mode { NORMAL, CUT, SLOW }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.NORMAL;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private DatabaseProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static DatabaseProxy start(int port, String targetHost, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        DatabaseProxy proxy = new DatabaseProxy(listener, targetHost, targetPort);
        Thread acceptor = new Thread(proxy::acceptLoop, "database-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #heal()}. */
    public void cut() {
        mode = Mode.CUT;
        open.forEach(DatabaseProxy::reset);
    }

    /** Holds every chunk from the server for {@code latency} before passing it on, until {@link #heal()}. */
    public void slow(Duration latency) {
        latencyNanos = latency.toNanos();
        mode = Mode.SLOW;
    }

    public void heal() {
        mode = Mode.NORMAL;
    }

    /** Connections the proxy carries right now. */
    public int openConnections() {
        return open.size() / 2;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.CUT) {
                    reset(client);
                    continue;
                }
                connect(client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            // The server itself is down (a restart): the client sees what it would see without the proxy.
            reset(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        pump(client, server, false, "database-proxy-up");
        pump(server, client, true, "database-proxy-down");
    }

    private void pump(Socket from, Socket to, boolean fromServer, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (mode == Mode.CUT) {
                        break;
                    }
                    if (fromServer && mode == Mode.SLOW) {
                        TimeUnit.NANOSECONDS.sleep(latencyNanos);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or was reset; the other goes too
            } finally {
                open.remove(from);
                open.remove(to);
                reset(from);
                reset(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with an RST rather than a FIN, as a broken network path looks to the client. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(DatabaseProxy::reset);
    }
}
