package dev.portbench.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calibration's server: one listener per destination, each with one thread that accepts and
 * hands the connection to a pooled worker that reads until the client's FIN (EOF) and only then
 * closes (so held connections are served side by side), so the client always closes first and
 * its side holds the TIME-WAIT (the server side goes LAST_ACK to CLOSED). Reads time out after
 * {@link #READ_TIMEOUT_MILLIS}, so a silent client cannot hang it. Start with {@link #start},
 * stop with {@link #close}.
 */
final class LoopbackServer implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 5000;
    /**
     * How long a worker waits for a client's FIN: longer than any scenario, so that the server never
     * closes first (a held connection outliving a shorter timeout would leave its TIME-WAIT on the
     * server's side and free the client's 4-tuple at once, which the first calibration of
     * 2026-12-07 showed: 356 early reuses with {@code tcp_tw_reuse=0} in {@code poisson-hold-uneven}).
     */
    static final int DRAIN_TIMEOUT_MILLIS = (int) (CalibrationScenario.MAX_DURATION_SECONDS * 1000) + 60_000;
    private static final int BACKLOG = 4096;

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong served = new AtomicLong();
    /** One drain per connection, so a held connection never delays another's FIN; threads are reused. */
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "server-drain");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    /** Listens on every {@code ip:port} in {@code destinations}. */
    static LoopbackServer start(List<String> destinations) throws IOException {
        LoopbackServer server = new LoopbackServer();
        try {
            for (String d : destinations) {
                int colon = d.lastIndexOf(':');
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(d.substring(0, colon), Integer.parseInt(d.substring(colon + 1))), BACKLOG);
                server.listeners.add(s);
            }
        } catch (IOException e) {
            server.close();
            throw e;
        }
        for (ServerSocket s : server.listeners) {
            Thread t = new Thread(() -> server.serve(s), "server-" + s.getLocalSocketAddress());
            t.setDaemon(true);
            server.threads.add(t);
            t.start();
        }
        return server;
    }

    private void serve(ServerSocket listener) {
        while (!closing) {
            try {
                Socket c = listener.accept();
                try {
                    workers.execute(() -> drain(c));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    c.close();
                }
            } catch (SocketException e) {
                if (closing) {
                    return;
                }
            } catch (IOException e) {
                // an accept error: go on
            }
        }
    }

    /** Reads {@code c} until the client's FIN, then closes it (the server's FIN). */
    private void drain(Socket c) {
        byte[] buffer = new byte[64];
        try (c) {
            c.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            InputStream in = c.getInputStream();
            while (in.read(buffer) >= 0) {
                // drain until the client's FIN
            }
            served.incrementAndGet();
        } catch (IOException e) {
            // a read timeout or reset (an RST close): the connection is closed by try-with-resources
        }
    }

    /** Connections accepted, drained and closed so far. */
    long served() {
        return served.get();
    }

    @Override
    public void close() {
        closing = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        for (Thread t : threads) {
            try {
                t.join(READ_TIMEOUT_MILLIS + 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
