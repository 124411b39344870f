package com.hivematrix.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on a loopback port in front of a server that other test runs share (the test
 * Keycloak): a scenario takes that server away from one platform by {@link #shut() shutting} the
 * gate (new connections refused, open ones cut) instead of stopping the server for everyone, and
 * {@link #open() opens} it again on the same port. Bytes are copied both ways unchanged.
 */
public final class TcpGate implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 5000;

    public final int port;
    private final String targetHost;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-gate");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private ServerSocket listener;

    /** Listens on 127.0.0.1:{@code port} at once, forwarding to {@code targetHost:targetPort}. */
    public TcpGate(int port, String targetHost, int targetPort) {
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        open();
    }

    /** Listens again (a no-op while open); the port is reused although cut connections may linger in TIME_WAIT. */
    public synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            listener = socket;
            threads.execute(() -> acceptFrom(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Stops listening (connects are refused by the kernel) and cuts every open connection. */
    public synchronized void shut() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        connections.forEach(TcpGate::cut);
        connections.clear();
    }

    public synchronized boolean isOpen() {
        return listener != null;
    }

    /** Connections accepted since the gate was made: shows the platform really reaches the target through it. */
    public long accepted() {
        return accepted.get();
    }

    public String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    private void acceptFrom(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // shut: the listener was closed
            }
            accepted.incrementAndGet();
            threads.execute(() -> forward(client, socket));
        }
    }

    private void forward(Socket client, ServerSocket acceptedBy) {
        Socket upstream = new Socket();
        if (!track(acceptedBy, client, upstream)) {
            return;
        }
        try {
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            release(client, upstream);
            return;
        }
        threads.execute(() -> copy(client, upstream));
        copy(upstream, client);
    }

    /** Registers a connection's sockets unless the gate was shut after it was accepted (then they are cut). */
    private synchronized boolean track(ServerSocket acceptedBy, Socket client, Socket upstream) {
        if (listener != acceptedBy) {
            cut(client);
            return false;
        }
        connections.add(client);
        connections.add(upstream);
        return true;
    }

    /** One direction; when either side ends, the whole connection ends (HTTP needs no half-close here). */
    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed or was cut: end the connection below
        } finally {
            release(from, to);
        }
    }

    private void release(Socket a, Socket b) {
        connections.remove(a);
        connections.remove(b);
        closeQuietly(a);
        closeQuietly(b);
    }

    /** Closes with a reset, as a crashed server's connections end, rather than an orderly FIN. */
    private static void cut(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        shut();
        threads.shutdownNow();
    }
}
