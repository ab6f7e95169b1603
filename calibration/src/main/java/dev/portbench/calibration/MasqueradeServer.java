package dev.portbench.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The server role of the {@code linux-masquerade} check: after {@code go} on stdin it listens on
 * {@link MasqueradeScenario#SERVER_PORT} of every address of its namespace, prints
 * {@code listening}, accepts every connection, reads until EOF or a reset and then closes (so the
 * client closes first). One thread, one selector. It stops when stdin closes, and after
 * {@value #MAX_MINUTES} minutes in any case.
 */
final class MasqueradeServer {

    static final int MAX_MINUTES = 15;

    private MasqueradeServer() {
    }

    static void serve(int destinations) throws IOException, InterruptedException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(stdin.readLine())) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.readLine() != null) {
                    // only EOF matters
                }
            } catch (IOException e) {
                // stdin gone: stop as on EOF
            }
        }, "stdin");
        watcher.setDaemon(true);
        watcher.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        try (Selector sel = Selector.open(); ServerSocketChannel ss = ServerSocketChannel.open()) {
            ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ss.bind(new InetSocketAddress("0.0.0.0", MasqueradeScenario.SERVER_PORT), 4096);
            ss.configureBlocking(false);
            ss.register(sel, SelectionKey.OP_ACCEPT);
            System.out.println("listening");
            System.out.flush();
            while (watcher.isAlive() && System.nanoTime() < deadline) {
                sel.select(100);
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isAcceptable()) {
                        for (SocketChannel c = ss.accept(); c != null; c = ss.accept()) {
                            c.configureBlocking(false);
                            c.register(sel, SelectionKey.OP_READ);
                        }
                    } else if (k.isReadable()) {
                        SocketChannel c = (SocketChannel) k.channel();
                        int n;
                        try {
                            buf.clear();
                            n = c.read(buf);
                        } catch (IOException e) {
                            n = -1; // reset by the client
                        }
                        if (n < 0) {
                            k.cancel();
                            c.close();
                        }
                    }
                }
            }
            for (SelectionKey k : sel.keys()) {
                k.channel().close();
            }
        }
    }
}
