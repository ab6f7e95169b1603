package dev.portbench.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The calibration client in plain Java ({@link Socket}, no SO_REUSEADDR): used for every scenario
 * except those with {@code IP_BIND_ADDRESS_NO_PORT} or {@code IP_LOCAL_PORT_RANGE}, which the JDK
 * cannot set ({@link NativeConnectClient}). Errors are named by errno from the JDK's message
 * ({@link #errnoName}).
 *
 * <p>Arrivals are a fixed grid, a fast loop or a Poisson process; destinations round-robin or
 * drawn by weight; each connection is closed at once or held an exponential time, by a FIN or
 * (with {@code SO_LINGER} 0) an RST; every draw comes from the scenario's seed, in a fixed order
 * per attempt (gap, destination, hold, reset), whatever the outcome. A FIN close is
 * {@code shutdownOutput()}, a read to the server's FIN, then {@code close()}: the instant the read
 * ends is when the client's TIME-WAIT began ({@link CloseLog}). Held connections wait in a heap
 * by close instant and are closed before any attempt due after them. One attempt costs a socket,
 * a connect and a loopback round trip for the close: tens of microseconds.
 */
final class JavaConnectClient implements ConnectClient {

    private record Held(long closeAt, int attempt, Socket socket, boolean reset) {
    }

    @Override
    public AttemptLog run(CalibrationScenario scenario) throws IOException {
        return run(scenario, new CloseLog());
    }

    @Override
    public AttemptLog run(CalibrationScenario scenario, CloseLog closes) throws IOException {
        InetSocketAddress[] dest = new InetSocketAddress[scenario.destinations()];
        for (int i = 0; i < dest.length; i++) {
            String d = scenario.destination(i);
            int colon = d.lastIndexOf(':');
            dest[i] = new InetSocketAddress(d.substring(0, colon), Integer.parseInt(d.substring(colon + 1)));
        }
        ClientDraws draws = new ClientDraws(scenario);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        AttemptLog log = new AttemptLog();
        PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> Long.compare(a.closeAt(), b.closeAt()));
        long backoff = scenario.failureBackoffMicros() * 1000;
        long start = System.nanoTime();
        long end = start + (long) (scenario.durationSeconds() * 1e9);
        long due = start;
        for (long n = 0; n < scenario.maxAttempts(); n++) {
            draws.next();
            int d = draws.destination();
            long hold = draws.holdNanos();
            boolean reset = draws.reset();
            if (scenario.poisson()) {
                due += (long) (draws.gapSeconds() * 1e9);
            } else if (!scenario.fastLoop()) {
                due = ConnectClient.dueTime(start, n, scenario.rate());
            }
            if (!scenario.fastLoop() && due >= end) {
                break;
            }
            closeDue(held, scenario.fastLoop() ? System.nanoTime() : due, closes);
            if (!scenario.fastLoop()) {
                waitUntil(due);
            }
            long t = System.nanoTime();
            if (t >= end) {
                break;
            }
            String outcome = AttemptLog.OK;
            int port = 0;
            Socket s = new Socket();
            try {
                if (scenario.bindBeforeConnect()) {
                    s.bind(local);
                }
                s.connect(dest[d], LoopbackServer.READ_TIMEOUT_MILLIS);
                port = s.getLocalPort();
            } catch (IOException e) {
                outcome = errnoName(e.getMessage());
                port = 0;
                s.close();
            }
            int attempt = log.size();
            log.add(t, d, outcome, port);
            if (port != 0) {
                if (hold == 0) {
                    close(s, reset, attempt, closes);
                } else {
                    held.add(new Held(t + hold, attempt, s, reset));
                }
            } else if (scenario.fastLoop() && backoff > 0) {
                LockSupport.parkNanos(backoff);
            }
        }
        closeDue(held, Long.MAX_VALUE, closes);
        return log;
    }

    private static void waitUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Closes every held connection due by {@code until}, each at its own instant (none past the last one due). */
    private static void closeDue(PriorityQueue<Held> held, long until, CloseLog closes) throws IOException {
        while (!held.isEmpty() && held.peek().closeAt() <= until) {
            Held h = held.poll();
            if (until != Long.MAX_VALUE) {
                waitUntil(h.closeAt());
            }
            close(h.socket(), h.reset(), h.attempt(), closes);
        }
    }

    /** Closes {@code s} by RST or by FIN (waiting for the server's FIN) and records when its TIME-WAIT began. */
    private static void close(Socket s, boolean reset, int attempt, CloseLog closes) throws IOException {
        try {
            if (reset) {
                s.setSoLinger(true, 0);
                s.close();
                closes.add(attempt, System.nanoTime(), true);
                return;
            }
            s.setSoTimeout(LoopbackServer.READ_TIMEOUT_MILLIS);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[64];
            while (in.read(buffer) >= 0) {
                // the server sends nothing; end of file is its FIN
            }
            closes.add(attempt, System.nanoTime(), false);
        } catch (IOException e) {
            // the server reset or timed out: the close instant is still now
            closes.add(attempt, System.nanoTime(), false);
        } finally {
            s.close();
        }
    }

    /** The errno behind a JDK socket exception message (strerror text), or {@code EOTHER}. */
    static String errnoName(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("cannot assign requested address")) {
            return "EADDRNOTAVAIL";
        }
        if (m.contains("address already in use")) {
            return "EADDRINUSE";
        }
        if (m.contains("connection refused")) {
            return "ECONNREFUSED";
        }
        if (m.contains("timed out")) {
            return "ETIMEDOUT";
        }
        if (m.contains("too many open files")) {
            return "EMFILE";
        }
        return "EOTHER";
    }
}
