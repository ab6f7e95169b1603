package dev.portbench.trace;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV -> trace -> CSV gives the same bytes and the same connections; the documented defaults hold. */
class CsvTraceFormatTest {

    private static final long SEED = 16;

    static String csv(ConnectionTrace t) {
        StringWriter w = new StringWriter();
        CsvTraceFormat.write(t, w);
        return w.toString();
    }

    @Test
    void roundTripIsExact() {
        SplittableRandom r = new SplittableRandom(SEED);
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        String[] destinations = {"10.0.0.7:443", "[2001:db8:0:0:0:0:0:1]:80", "upstream-a"};
        long open = -5_000_000_000L; // crosses zero
        for (int i = 0; i < 5000; i++) {
            open += r.nextLong(0, 3_000_000_000L);
            long close = open + (r.nextInt(10) == 0 ? 0 : r.nextLong(1, 900_000_000_000L));
            int port = r.nextInt(4) == 0 ? ConnectionTrace.NO_PORT : r.nextInt(1, 65536);
            b.add(open, close, destinations[r.nextInt(destinations.length)], port,
                    ConnectionEnd.values()[r.nextInt(ConnectionEnd.values().length)]);
        }
        ConnectionTrace original = b.build("generated", new ImportStats("csv", 0, 5000, 0, 0, 0, 0));
        String text = csv(original);
        ConnectionTrace read = CsvTraceFormat.read(new StringReader(text), "round-trip.csv");
        assertEquals(text, csv(read), "seed " + SEED);
        assertEquals(original.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(original.open(i), read.open(i), "row " + i + ", seed " + SEED);
            assertEquals(original.close(i), read.close(i), "row " + i);
            assertEquals(original.destinations().get(original.destination(i)), read.destinations().get(read.destination(i)));
            assertEquals(original.localPort(i), read.localPort(i), "row " + i);
            assertEquals(original.end(i), read.end(i), "row " + i);
        }
        assertEquals(5001, read.stats().records(), "header and 5000 rows");
    }

    @Test
    void columnsInAnyOrderOptionalOnesDefaulted() {
        String text = "destination,close,open\n"
                + "a:1,1.5,1\n"
                + "\n"
                + "b:2,2.000000001,2\n";
        ConnectionTrace t = CsvTraceFormat.read(new StringReader(text), "t.csv");
        assertEquals(2, t.size());
        assertEquals(1_000_000_000L, t.open(0));
        assertEquals(1_500_000_000L, t.close(0));
        assertEquals(2_000_000_001L, t.close(1));
        assertEquals("b:2", t.destinations().get(t.destination(1)));
        assertEquals(ConnectionTrace.NO_PORT, t.localPort(0));
        assertEquals(ConnectionEnd.CLIENT_CLOSE, t.end(1));
        assertEquals("open,close,destination,local_port,end\n1,1.5,a:1,,client-close\n2,2.000000001,b:2,,client-close\n", csv(t));
    }

    @Test
    void secondsAreExact() {
        for (String s : new String[] {"0", "1", "-1", "0.5", "-0.000000001", "1700000000.123456789", "9000000000"}) {
            assertEquals(s, Seconds.format(Seconds.parseNanos(s)));
        }
        assertEquals(123_000_000L, Seconds.parseNanos(".123"));
        assertEquals(5_000_000_000L, Seconds.parseNanos("+5."));
    }

    @Test
    void aTraceOfManyClientsKeepsThemThroughCsvAndOneUnnamedClientWritesNoColumn() {
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        b.add(0, 10, "10.0.1.11", "198.51.100.10:443", 41000, ConnectionEnd.CLIENT_CLOSE);
        b.add(5, 20, "10.0.1.12", "198.51.100.10:443", 41000, ConnectionEnd.RESET);
        b.add(7, 30, "10.0.1.11", "203.0.113.5:443", 41001, ConnectionEnd.CLIENT_CLOSE);
        ConnectionTrace t = b.build("two clients", new ImportStats("test", 3, 3, 0, 0, 0, 0));
        String text = csv(t);
        assertEquals("open,close,destination,local_port,end,client", text.lines().findFirst().orElseThrow());
        ConnectionTrace read = CsvTraceFormat.read(new StringReader(text), "clients.csv");
        assertEquals(java.util.List.of("10.0.1.11", "10.0.1.12"), read.clients());
        assertEquals(java.util.List.of(0, 1, 0), java.util.List.of(read.client(0), read.client(1), read.client(2)));
        assertEquals(text, csv(read));

        ConnectionTraceBuilder one = new ConnectionTraceBuilder();
        one.add(0, 10, "198.51.100.10:443", 41000, ConnectionEnd.CLIENT_CLOSE);
        ConnectionTrace single = one.build("one client", new ImportStats("test", 1, 1, 0, 0, 0, 0));
        assertEquals(java.util.List.of(ConnectionTrace.UNNAMED_CLIENT), single.clients());
        assertEquals("open,close,destination,local_port,end", csv(single).lines().findFirst().orElseThrow());
    }
}
