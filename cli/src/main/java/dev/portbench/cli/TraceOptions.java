package dev.portbench.cli;

import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.trace.ClientFilter;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.TraceFormat;
import dev.portbench.trace.TraceImport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The options of an imported trace that the trace commands share ({@code trace}, {@code simulate
 * --trace}, {@code run --trace}): {@code --client}, {@code --speed}, {@code --ends},
 * {@code --reorder-tolerance}, {@code --format} and {@code --skip-bad}, each converted by a converter that names what is allowed. The
 * stack's rules ({@code --stack}, {@code --range}, {@code --time-wait}) are not declared here:
 * {@code simulate} has them in {@link ScenarioOptions}, {@code run} in {@link TraceStackOptions},
 * with the same converters; {@link #resolve} combines them into one {@link TraceSpec}.
 */
final class TraceOptions {

    @Option(names = "--client", paramLabel = "ADDR[,ADDR...]", converter = Clients.class,
            description = "Keep only connections opened by these addresses (literal IPv4 / IPv6; default: every client).")
    ClientFilter clients;

    @Option(names = "--speed", paramLabel = "K", converter = ArgumentTypes.PositiveNumber.class,
            description = "Replay K times faster (every time divided by K; default 1).")
    Double speed;

    @Option(names = "--ends", paramLabel = "observed|END", converter = Ends.class,
            description = "observed (default), or replay every connection as ended that way, e.g. client-close.")
    Ends.Choice ends;

    @Option(names = "--reorder-tolerance", paramLabel = "DURATION", converter = ArgumentTypes.Duration.class,
            description = "How far capture timestamps may step back (default 1ms; a bare number is seconds).")
    Long reorderToleranceNanos;

    @Option(names = "--format", paramLabel = "FORMAT", converter = Formats.class,
            description = "The file's format: auto (default: told from the content), csv, zeek, pcap, pcapng, aws-vpc, "
                    + "azure-vnet, gcp-vpc.")
    TraceFormat format;

    @Option(names = "--skip-bad",
            description = "Count and skip malformed lines / records (reported in the import stats) instead of refusing the file.")
    boolean skipBad;

    /** Whether any of these options was given. */
    boolean given() {
        return skipBad || Arrays.stream(new Object[] {clients, speed, ends, reorderToleranceNanos, format})
                .anyMatch(Objects::nonNull);
    }

    /**
     * The trace to read and how to replay it: {@code file} with these options and the stack rules
     * given beside them (each null when not given; the stack defaults to linux).
     */
    TraceSpec resolve(Path file, StackProfile stack, ArgumentTypes.PortRange range, Long timeWaitNanos) {
        double k = speed == null ? 1.0 : speed;
        StackProfile profile = stack == null ? StackProfiles.linux() : stack;
        ReplaySettings custom = null;
        if (range != null || timeWaitNanos != null || stack != null) {
            custom = new ReplaySettings(range == null ? profile.firstPort() : range.first(),
                    range == null ? profile.lastPort() : range.last(),
                    timeWaitNanos == null ? profile.timeWaitNanos() : timeWaitNanos, k);
        }
        return new TraceSpec(file, clients == null ? ClientFilter.ANY : clients, k, profile, custom,
                reorderToleranceNanos == null ? TraceImport.DEFAULT_REORDER_TOLERANCE_NANOS : reorderToleranceNanos,
                ends == null ? null : ends.end(), format == null ? TraceFormat.AUTO : format, skipBad);
    }

    /** A {@link TraceFormat} id. */
    static final class Formats implements ITypeConverter<TraceFormat> {
        @Override
        public TraceFormat convert(String value) {
            try {
                return TraceFormat.fromId(value.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' (expected one of "
                        + Arrays.stream(TraceFormat.values()).map(TraceFormat::id).toList() + ")");
            }
        }
    }

    /** Comma-separated literal addresses. */
    static final class Clients implements ITypeConverter<ClientFilter> {
        @Override
        public ClientFilter convert(String value) {
            try {
                return ClientFilter.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code observed} or a {@link ConnectionEnd} id. */
    static final class Ends implements ITypeConverter<Ends.Choice> {

        /** The choice; {@code end} null for the ends as observed. */
        record Choice(ConnectionEnd end) {
        }

        @Override
        public Choice convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("observed")) {
                return new Choice(null);
            }
            try {
                return new Choice(ConnectionEnd.fromId(v));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' (expected observed or one of "
                        + Arrays.stream(ConnectionEnd.values()).map(ConnectionEnd::id).toList() + ")");
            }
        }
    }
}
