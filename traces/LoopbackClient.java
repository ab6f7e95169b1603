import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration-style traffic of traces/loopback-calibration.pcap.gz: a loopback server on
 * 127.0.0.1 at two ports, and a client that connects at a fixed rate, sends 16 bytes and closes
 * first (so the client holds the TIME-WAIT), alternating between the two ports. Bounded in count
 * and time; it prints what it did. Run it inside a network namespace of your own (see capture.sh).
 *
 * <pre>java LoopbackClient.java RATE_PER_SECOND SECONDS PORT_A PORT_B</pre>
 */
public final class LoopbackClient {

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        double seconds = Math.min(120, Double.parseDouble(args[1]));
        int[] ports = {Integer.parseInt(args[2]), Integer.parseInt(args[3])};
        List<ServerSocket> servers = new ArrayList<>();
        for (int p : ports) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", p), 1024);
            servers.add(s);
            Thread t = new Thread(() -> serve(s));
            t.setDaemon(true);
            t.start();
        }
        long start = System.nanoTime();
        long gap = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        long ok = 0;
        long failed = 0;
        String firstError = null;
        for (long i = 0; i < total; i++) {
            long due = start + i * gap;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress("127.0.0.1", ports[(int) (i % 2)]), 1000);
                c.getOutputStream().write(new byte[16]);
                ok++;
            } catch (IOException e) {
                failed++;
                if (firstError == null) {
                    firstError = String.format("%.3f s: %s", (System.nanoTime() - start) / 1e9, e.getMessage());
                }
            }
        }
        Thread.sleep(500);
        System.out.printf("attempts %d, connected %d, failed %d, first failure %s, %.1f s%n", total, ok, failed,
                firstError, (System.nanoTime() - start) / 1e9);
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    private static void serve(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                Thread t = new Thread(() -> {
                    try (c; InputStream in = c.getInputStream()) {
                        in.transferTo(OutputStreamSink.INSTANCE);
                    } catch (IOException ignored) {
                        // the client went away: nothing to keep
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
