package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * picocli converters for the command line's own value types. Each rejects a bad value with
 * "'value' (expected ...)"; picocli prefixes the option's name, so the message reads
 * {@code Invalid value for option '--profile': 'fast' (expected smoke, quick or full)}.
 * Converters return the registries' own types, so a command never handles an unchecked id.
 */
final class ArgumentTypes {

    private ArgumentTypes() {
    }

    /**
     * The registry entry {@code fromId} finds for the trimmed {@code value}, or a conversion error
     * listing {@code ids}: the one shape of every "value by id" converter below.
     */
    private static <T> T byId(String value, Function<String, T> fromId, Collection<String> ids) {
        try {
            return fromId.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value.trim() + "' (expected one of " + ids + ")");
        }
    }

    /**
     * The entry of {@code choices} under {@code key} (the typed {@code value}, or a normalised form
     * of it), or a conversion error quoting {@code value} and what was {@code expected}: the one
     * shape of every converter over a fixed set of words.
     */
    static <T> T choice(String value, String key, Map<String, T> choices, String expected) {
        T chosen = choices.get(key);
        if (chosen == null) {
            throw new TypeConversionException("'" + value + "' (expected " + expected + ")");
        }
        return chosen;
    }

    /** A {@link Profile} by its id, exactly as typed. */
    static final class ProfileId implements ITypeConverter<Profile> {
        private static final Map<String, Profile> BY_ID = Arrays.stream(Profile.values())
                .collect(Collectors.toMap(Profile::id, p -> p));

        @Override
        public Profile convert(String value) {
            return choice(value, value, BY_ID, "smoke, quick or full");
        }
    }

    /** An allocator of {@link AllocatorCatalog} by its id. */
    static final class AllocatorId implements ITypeConverter<AllocatorCatalog> {
        @Override
        public AllocatorCatalog convert(String value) {
            return byId(value, AllocatorCatalog::fromId, AllocatorCatalog.ids());
        }
    }

    /** A workload of {@link Workloads} by its id. */
    static final class WorkloadId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String id = value.trim();
            if (!Workloads.ids().contains(id)) {
                throw new TypeConversionException("'" + id + "' (expected one of " + Workloads.ids() + ")");
            }
            return id;
        }
    }

    /** An integer of at least 1; {@code _} separators allowed, as in Java literals. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.replace("_", ""));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' (expected a positive integer)");
        }
    }

    /** A java binary: the one named, or {@code bin/java} inside the JDK home named. */
    static final class JavaBinary implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = Path.of(value);
            if (Files.isDirectory(p)) {
                p = p.resolve("bin").resolve("java");
            }
            if (!Files.isExecutable(p)) {
                throw new TypeConversionException("'" + value + "' (expected a java binary or a JDK home containing bin/java)");
            }
            return p.toAbsolutePath();
        }
    }

    /** Picocli's completion candidates for {@code --allocators}: every registered id. */
    static final class AllocatorIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return AllocatorCatalog.ids().iterator();
        }
    }

    /** Picocli's completion candidates for {@code --workloads}: every named workload. */
    static final class WorkloadIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.copyOf(Workloads.ids()).iterator();
        }
    }

    /** A stack profile by id. */
    static final class StackId implements ITypeConverter<StackProfile> {
        @Override
        public StackProfile convert(String value) {
            return byId(value, StackProfiles::fromId, StackProfiles.ids());
        }
    }

    /** A port range as typed; whether it is a valid range is the allocator configuration's rule. */
    record PortRange(int first, int last) {
    }

    /** FIRST-LAST, two integers. */
    static final class PortRangeConverter implements ITypeConverter<PortRange> {
        @Override
        public PortRange convert(String value) {
            String[] parts = value.split("-", -1);
            try {
                if (parts.length == 2) {
                    return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' (expected FIRST-LAST, two port numbers, e.g. 1025-5000)");
        }
    }

    /** A finite number > 0. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double v = Double.parseDouble(value.replace("_", ""));
                if (v > 0 && !Double.isInfinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' (expected a number > 0)");
        }
    }

    /** A duration >= 0 in nanoseconds: {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 10us}, {@code 7ns}; a bare number is seconds. */
    static class Duration implements ITypeConverter<Long> {
        private static final List<String[]> UNITS = List.of(new String[] {"ns", "1"}, new String[] {"us", "1000"},
                new String[] {"ms", "1000000"}, new String[] {"s", "1000000000"}, new String[] {"m", "60000000000"},
                new String[] {"h", "3600000000000"});

        @Override
        public Long convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            String number = text;
            BigDecimal factor = BigDecimal.valueOf(1_000_000_000L);
            for (String[] unit : UNITS) {
                if (text.endsWith(unit[0])) {
                    number = text.substring(0, text.length() - unit[0].length()).trim();
                    factor = new BigDecimal(unit[1]);
                    break;
                }
            }
            try {
                BigDecimal v = new BigDecimal(number).multiply(factor);
                if (v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(1L << 62)) <= 0) {
                    return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' (expected a duration >= 0 such as 60s, 500ms, 2m, 1h; "
                    + "a bare number is seconds)");
        }
    }

    /** A duration > 0. */
    static final class PositiveDuration extends Duration {
        @Override
        public Long convert(String value) {
            long v = super.convert(value);
            if (v == 0) {
                throw new TypeConversionException("'" + value + "' (expected a duration > 0, such as 60s)");
            }
            return v;
        }
    }

    static final class Holding implements ITypeConverter<HoldingTime> {
        @Override
        public HoldingTime convert(String value) {
            return choice(value, value.trim().toLowerCase(Locale.ROOT),
                    Map.of("fixed", HoldingTime.FIXED, "exponential", HoldingTime.EXPONENTIAL), "fixed or exponential");
        }
    }

    static final class Call implements ITypeConverter<SocketCall> {
        @Override
        public SocketCall convert(String value) {
            return byId(value, SocketCall::fromId, SocketCall.ids());
        }
    }

    static final class Reuse implements ITypeConverter<TimeWaitReuse> {
        @Override
        public TimeWaitReuse convert(String value) {
            try {
                return TimeWaitReuse.fromSysctl(Integer.parseInt(value.trim()));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' (expected 0 off, 1 on or 2 loopback only)");
            }
        }
    }

    static final class Allocator implements ITypeConverter<ConnectionAllocatorType> {
        @Override
        public ConnectionAllocatorType convert(String value) {
            return byId(value, ConnectionAllocatorType::fromId, ConnectionAllocatorType.ids());
        }
    }
}
