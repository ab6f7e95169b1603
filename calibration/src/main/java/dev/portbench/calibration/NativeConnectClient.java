package dev.portbench.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The calibration client in C, for {@code IP_BIND_ADDRESS_NO_PORT}, which the JDK does not
 * expose. Its source ships in this jar ({@code connect-client.c}, beside this class);
 * {@link #compile} builds it with the machine's {@code cc} into a folder of {@code target/}.
 * It follows {@link JavaConnectClient}'s fixed-rate and fast loops (round-robin, FIN closes at
 * once) and prints the attempt's CSV line plus its close instant; it also sets the per-socket
 * {@code IP_LOCAL_PORT_RANGE} (Linux 6.3+) when the scenario asks.
 */
final class NativeConnectClient implements ConnectClient {

    static final String SOURCE = "connect-client.c";

    private final Path binary;

    NativeConnectClient(Path binary) {
        this.binary = binary;
    }

    /**
     * Compiles the client into {@code dir} with {@code cc -O2 -Wall -Wextra -Werror} and returns
     * the binary; a clear {@link IllegalStateException} when no C compiler works.
     */
    static Path compile(Path dir) {
        try {
            Files.createDirectories(dir);
            Path source = dir.resolve(SOURCE);
            try (InputStream in = NativeConnectClient.class.getResourceAsStream(SOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(SOURCE + " is missing from the jar");
                }
                Files.write(source, in.readAllBytes());
            }
            Path binary = dir.resolve("connect-client");
            Process p = new ProcessBuilder("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary.toString(),
                    source.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("cc could not compile " + source + " (needed for IP_BIND_ADDRESS_NO_PORT): "
                        + out.trim());
            }
            return binary;
        } catch (IOException e) {
            throw new IllegalStateException("no working C compiler 'cc' on the PATH (needed for IP_BIND_ADDRESS_NO_PORT, "
                    + "which Java cannot set): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the C client", e);
        }
    }

    @Override
    public AttemptLog run(CalibrationScenario s) throws IOException, InterruptedException {
        return run(s, new CloseLog());
    }

    /** One line of the C client's output. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"time_ns", "destination", "outcome", "local_port", "close_ns", "kind"})
    record NativeRow(@com.fasterxml.jackson.annotation.JsonProperty("time_ns") long timeNanos,
                     @com.fasterxml.jackson.annotation.JsonProperty("destination") int destination,
                     @com.fasterxml.jackson.annotation.JsonProperty("outcome") String outcome,
                     @com.fasterxml.jackson.annotation.JsonProperty("local_port") int localPort,
                     @com.fasterxml.jackson.annotation.JsonProperty("close_ns") long closeNanos,
                     @com.fasterxml.jackson.annotation.JsonProperty("kind") String kind) {
    }

    private static final com.fasterxml.jackson.dataformat.csv.CsvMapper CSV =
            new com.fasterxml.jackson.dataformat.csv.CsvMapper();

    /** Parses the C client's lines into {@code log} and {@code closes}; a clear exception on a bad line. */
    static void parse(java.io.Reader lines, AttemptLog log, CloseLog closes) throws IOException {
        try (com.fasterxml.jackson.databind.MappingIterator<NativeRow> it = CSV.readerFor(NativeRow.class)
                .with(CSV.schemaFor(NativeRow.class)).readValues(lines)) {
            while (it.hasNextValue()) {
                NativeRow r = it.nextValue();
                int attempt = log.size();
                log.add(r.timeNanos(), r.destination(), r.outcome(), r.localPort());
                if (r.closeNanos() != 0) {
                    closes.add(attempt, r.closeNanos(), false);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException
                 | com.fasterxml.jackson.databind.RuntimeJsonMappingException e) {
            throw new IllegalArgumentException("the C client's output: " + e.getMessage()
                    + " (expected rows of time_ns,destination,outcome,local_port,close_ns,kind)", e);
        }
    }

    @Override
    public AttemptLog run(CalibrationScenario s, CloseLog closes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(),
                String.format(Locale.ROOT, "%.6f", s.rate()),
                Long.toString((long) (s.durationSeconds() * 1000)),
                Long.toString(s.maxAttempts()),
                Long.toString(s.failureBackoffMicros()),
                s.bindBeforeConnect() ? "1" : "0",
                s.bindAddressNoPort() ? "1" : "0",
                Integer.toString(s.socketRangeLow()),
                Integer.toString(s.socketRangeHigh())));
        cmd.addAll(s.destinationList());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AttemptLog log = new AttemptLog();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            parse(r, log, closes);
        } catch (IllegalArgumentException e) {
            p.destroyForcibly();
            throw e;
        }
        if (!p.waitFor((long) s.durationSeconds() + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the C client did not end within its duration + 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the C client failed with status " + p.exitValue());
        }
        return log;
    }
}
