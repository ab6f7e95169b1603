package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * picocli converters for the command line's own value types. Each rejects a bad value with
 * "'value' (expected ...)"; picocli prefixes the option's name, so the message reads
 * {@code Invalid value for option '--profile': 'fast' (expected smoke, quick or full)}.
 * Converters return the registries' own types, so a command never handles an unchecked id.
 */
final class ArgumentTypes {

    private ArgumentTypes() {
    }

    /** A {@link Profile} by its id. */
    static final class ProfileId implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            for (Profile p : Profile.values()) {
                if (p.id().equals(value)) {
                    return p;
                }
            }
            throw new TypeConversionException("'" + value + "' (expected smoke, quick or full)");
        }
    }

    /** An allocator of {@link AllocatorCatalog} by its id. */
    static final class AllocatorId implements ITypeConverter<AllocatorCatalog> {
        @Override
        public AllocatorCatalog convert(String value) {
            String id = value.trim();
            if (!AllocatorCatalog.ids().contains(id)) {
                throw new TypeConversionException("'" + id + "' (expected one of " + AllocatorCatalog.ids() + ")");
            }
            return AllocatorCatalog.fromId(id);
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
}
