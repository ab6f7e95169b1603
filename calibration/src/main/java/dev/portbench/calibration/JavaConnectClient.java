package dev.portbench.calibration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The calibration client in plain Java ({@link Socket}, no SO_LINGER, no SO_REUSEADDR): used for
 * every scenario except those with {@code IP_BIND_ADDRESS_NO_PORT}, which the JDK cannot set
 * ({@link NativeConnectClient}). Errors are named by errno from the JDK's message
 * ({@link #errnoName}). One attempt costs a socket, a connect and a close: tens of microseconds
 * on loopback.
 */
final class JavaConnectClient implements ConnectClient {

    @Override
    public AttemptLog run(CalibrationScenario scenario) {
        InetSocketAddress[] dest = new InetSocketAddress[scenario.destinations()];
        for (int i = 0; i < dest.length; i++) {
            String d = scenario.destination(i);
            int colon = d.lastIndexOf(':');
            dest[i] = new InetSocketAddress(d.substring(0, colon), Integer.parseInt(d.substring(colon + 1)));
        }
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        AttemptLog log = new AttemptLog();
        long backoff = scenario.failureBackoffMicros() * 1000;
        long start = System.nanoTime();
        long end = start + (long) (scenario.durationSeconds() * 1e9);
        for (long n = 0; n < scenario.maxAttempts(); n++) {
            if (!scenario.fastLoop()) {
                long due = ConnectClient.dueTime(start, n, scenario.rate());
                if (due >= end) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            long t = System.nanoTime();
            if (t >= end) {
                break;
            }
            int d = (int) (n % dest.length);
            String outcome = AttemptLog.OK;
            int port = 0;
            try (Socket s = new Socket()) {
                if (scenario.bindBeforeConnect()) {
                    s.bind(local);
                }
                s.connect(dest[d], LoopbackServer.READ_TIMEOUT_MILLIS);
                port = s.getLocalPort();
            } catch (IOException e) {
                outcome = errnoName(e.getMessage());
                port = 0;
            }
            log.add(t, d, outcome, port);
            if (port == 0 && scenario.fastLoop() && backoff > 0) {
                LockSupport.parkNanos(backoff);
            }
        }
        return log;
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
