package dev.portbench.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client role of the {@code linux-masquerade} check. It sets {@code tcp_syn_retries},
 * {@code tcp_syn_linear_timeouts} and {@code ip_local_port_range} in its own namespace, waits for
 * {@code go}, then runs the scenario's {@link MasqueradeScenario#plan} on one thread with
 * non-blocking connects (so a connect waiting out dropped SYNs holds up nothing): each attempt
 * starts at its planned time, its outcome and latency are what connect() reported, each churned
 * connection is closed (FIN, or RST by {@code SO_LINGER} 0) its holding time after it was
 * established. When every attempt has resolved it prints {@code attempts-resolved}, waits for
 * {@code continue} (the NAT namespace reads its conntrack table meanwhile), closes the held
 * connections, writes its files and prints {@code done}. Bounded: the loop stops
 * {@value #SPARE_SECONDS} s after the last attempt should have resolved, marking what had not
 * resolved as {@code UNRESOLVED}.
 */
final class MasqueradeClient {

    static final int SPARE_SECONDS = 10;

    private MasqueradeClient() {
    }

    private static final class Conn {
        final MasqueradeScenario.Attempt attempt;
        SocketChannel channel;
        long start = -1;
        long latency = -1;
        String outcome;
        int localPort = -1;
        long closeAt = -1;
        long closed = -1;

        Conn(MasqueradeScenario.Attempt attempt) {
            this.attempt = attempt;
        }
    }

    static void run(MasqueradeScenario s, Path out) throws Exception {
        List<SysctlSetting> sysctls = new ArrayList<>();
        sysctls.add(MasqueradeChild.set("net.ipv4.tcp_syn_retries", Integer.toString(s.synRetries())));
        if (MasqueradeChild.read("net.ipv4.tcp_syn_linear_timeouts") != null) {
            sysctls.add(MasqueradeChild.set("net.ipv4.tcp_syn_linear_timeouts", Integer.toString(s.synLinearTimeouts())));
        } else if (s.synLinearTimeouts() > 0) {
            throw new NamespaceChild.SetupException("this kernel has no tcp_syn_linear_timeouts (6.5+), which scenario "
                    + s.id() + " sets to " + s.synLinearTimeouts());
        }
        sysctls.add(MasqueradeChild.set("net.ipv4.ip_local_port_range", MasqueradeScenario.CLIENT_PORT_RANGE));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(stdin.readLine())) {
            return;
        }
        Map<String, Long> countersBefore = TcpCounters.read();
        List<Conn> conns = new ArrayList<>();
        for (MasqueradeScenario.Attempt a : s.plan()) {
            conns.add(new Conn(a));
        }
        List<InetSocketAddress> to = new ArrayList<>();
        for (int d = 0; d < s.destinations(); d++) {
            to.add(new InetSocketAddress(MasqueradeChild.destinationAddress(d), MasqueradeScenario.SERVER_PORT));
        }
        PriorityQueue<Conn> closes = new PriorityQueue<>((a, b) -> Long.compare(a.closeAt, b.closeAt));
        long t0 = System.nanoTime();
        long stop = t0 + (long) ((s.attemptsEndSeconds() + SPARE_SECONDS) * 1e9);
        int next = 0;
        int unresolved = conns.size();
        try (Selector sel = Selector.open()) {
            while (unresolved > 0 && System.nanoTime() < stop) {
                long now = System.nanoTime() - t0;
                while (next < conns.size() && conns.get(next).attempt.offsetNanos() <= now) {
                    Conn c = conns.get(next++);
                    c.channel = SocketChannel.open();
                    c.channel.configureBlocking(false);
                    c.start = System.nanoTime() - t0;
                    if (c.channel.connect(to.get(c.attempt.destination()))) {
                        established(c, t0, closes);
                        unresolved -= c.attempt.held() ? 1 : 0;
                    } else {
                        c.channel.register(sel, SelectionKey.OP_CONNECT, c);
                    }
                }
                now = System.nanoTime() - t0;
                while (!closes.isEmpty() && closes.peek().closeAt <= now) {
                    Conn c = closes.poll();
                    if (c.attempt.reset()) {
                        c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    c.channel.close();
                    c.closed = System.nanoTime() - t0;
                    unresolved--;
                }
                long wake = Long.MAX_VALUE;
                if (next < conns.size()) {
                    wake = conns.get(next).attempt.offsetNanos();
                }
                if (!closes.isEmpty()) {
                    wake = Math.min(wake, closes.peek().closeAt);
                }
                long waitMillis = wake == Long.MAX_VALUE ? 50
                        : Math.max(0, TimeUnit.NANOSECONDS.toMillis(wake - (System.nanoTime() - t0)));
                if (waitMillis == 0) {
                    sel.selectNow();
                } else {
                    sel.select(Math.min(50, waitMillis));
                }
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    try {
                        if (c.channel.finishConnect()) {
                            k.cancel();
                            established(c, t0, closes);
                            unresolved -= c.attempt.held() ? 1 : 0;
                        }
                    } catch (IOException e) {
                        k.cancel();
                        c.latency = System.nanoTime() - t0 - c.start;
                        c.outcome = errno(e);
                        c.channel.close();
                        unresolved--;
                    }
                }
            }
        }
        System.out.println("attempts-resolved");
        System.out.flush();
        readLine(stdin, "the NAT namespace");
        List<MasqueradeAttempts.Row> rows = new ArrayList<>();
        Map<String, Long> outcomes = new TreeMap<>();
        for (Conn c : conns) {
            if (c.outcome == null) {
                c.outcome = c.start < 0 ? "NOT_STARTED" : "UNRESOLVED";
            }
            if (c.channel != null && c.channel.isOpen()) {
                c.channel.close();
            }
            outcomes.merge(c.outcome, 1L, Long::sum);
            rows.add(new MasqueradeAttempts.Row(c.attempt.index(), c.attempt.offsetNanos(), c.start, c.attempt.destination(),
                    c.outcome, c.latency, c.localPort, c.closed));
        }
        LockSupport.parkNanos(200_000_000L); // let the last FINs go out before the counters are read
        Map<String, Long> counters = TcpCounters.changes(countersBefore, TcpCounters.read());
        Files.createDirectories(out);
        MasqueradeAttempts.write(out.resolve("attempts.csv.gz"), rows);
        CalibrationJson.write(out.resolve("client-run.json"), new MasqueradeClientRun(sysctls, counters, rows.size(), outcomes));
        System.out.println("done");
        System.out.flush();
    }

    /** Waits for the next stdin line, at most {@code SPARE_SECONDS} (the NAT side may have gone away). */
    private static void readLine(BufferedReader stdin, String who) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SPARE_SECONDS);
        while (System.nanoTime() < deadline) {
            if (stdin.ready()) {
                stdin.readLine();
                return;
            }
            Thread.sleep(10);
        }
        System.err.println("client: no 'continue' from " + who + " within " + SPARE_SECONDS + " s; closing anyway");
    }

    private static void established(Conn c, long t0, PriorityQueue<Conn> closes) throws IOException {
        long now = System.nanoTime() - t0;
        c.latency = now - c.start;
        c.outcome = "OK";
        c.localPort = ((InetSocketAddress) c.channel.getLocalAddress()).getPort();
        if (!c.attempt.held()) {
            c.closeAt = now + c.attempt.holdNanos();
            closes.add(c);
        }
    }

    /** The errno name a failed connect() stands for. */
    static String errno(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("timed out")) {
            return "ETIMEDOUT";
        }
        if (m.contains("refused")) {
            return "ECONNREFUSED";
        }
        if (m.contains("unreachable")) {
            return "EHOSTUNREACH";
        }
        if (m.contains("reset")) {
            return "ECONNRESET";
        }
        return "E_" + m.replaceAll("[^a-z0-9]+", "_");
    }
}
