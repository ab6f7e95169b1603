package dev.portbench.runfolder;

import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes and reads the files of a run folder as their records. Reading checks, in this order: the
 * file exists (when required), is JSON, carries the format version the record expects, and holds
 * only known fields of the right types. Every failure is an {@link IllegalArgumentException}
 * naming the file, the place in it and the problem; nothing is half read.
 */
public final class RunFiles {

    public static final String ENVIRONMENT = "environment.json";
    public static final String FOOTPRINT = "footprint.json";
    public static final String SIMULATION = "simulation.json";
    public static final String SELECTION = "selection.json";
    public static final String STACKS = "stacks.json";
    public static final String MANY_THREADS = "many-threads.json";
    public static final String TRACE = "trace.json";
    public static final String JMH = "jmh.json";

    /** JMH's numbers: JSON numbers, or the strings JMH writes for NaN and infinities. */
    private static final ObjectMapper JMH_JSON = AtomicFiles.JSON.copy()
            .registerModule(new SimpleModule("jmh-numbers").addDeserializer(Double.class, new JmhNumber()));

    private RunFiles() {
    }

    /** The format version a run file declares, read before the file itself. */
    private record FormatVersion(Integer schema) {
    }

    /**
     * Creates {@code dir} (and its parents) for a new run, or accepts it if it exists and is empty.
     *
     * @throws IllegalArgumentException if {@code dir} exists and holds anything (named as the
     *     {@code --out} option, the only way a caller picks an existing folder)
     * @throws UncheckedIOException if it cannot be created or listed
     */
    public static void createEmptyFolder(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("--out: " + dir + " is not empty (expected a new or empty folder)");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The folders directly under {@code parent} that hold a regular file named {@code file}, sorted
     * by name (run and calibration folders are named by their start time: oldest first); empty
     * when {@code parent} is not a folder. One listing of {@code parent}, one check per entry.
     *
     * @throws UncheckedIOException if {@code parent} cannot be listed
     */
    public static List<Path> foldersHolding(Path parent, String file) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (var entries = Files.list(parent)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(file))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code record} as indented JSON, atomically. */
    public static void write(Path file, Object record) {
        AtomicFiles.writeJson(file, record);
    }

    /** Reads a required file of {@code type}, whose format version must be {@code schema}. */
    public static <T> T read(Path file, Class<T> type, int schema) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing (a complete run folder has " + ENVIRONMENT + " and " + JMH + ")");
        }
        FormatVersion version = parse(file, AtomicFiles.JSON.readerFor(FormatVersion.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        if (version == null) {
            throw new IllegalArgumentException(file + ": empty");
        }
        if (version.schema() == null) {
            throw new IllegalArgumentException(file + ": no format version ('schema'); not written by ./portbench run");
        }
        if (version.schema() != schema) {
            throw new IllegalArgumentException(file + ": format version " + version.schema() + ", but this portbench reads version "
                    + schema + " (the run was written by " + (version.schema() < schema ? "an older" : "a newer")
                    + " portbench: rerun it, or report it with the portbench of its commit)");
        }
        return parse(file, AtomicFiles.JSON.readerFor(type));
    }

    /** Reads an optional file of {@code type}: empty when the run folder has none. */
    public static <T> Optional<T> readIfPresent(Path file, Class<T> type, int schema) {
        return Files.isRegularFile(file) ? Optional.of(read(file, type, schema)) : Optional.empty();
    }

    /** Reads JMH's result file: a non-empty array of results. */
    public static List<JmhResultFile> readJmh(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing (a complete run folder has " + ENVIRONMENT + " and " + JMH + ")");
        }
        List<JmhResultFile> results = parse(file, JMH_JSON.readerForListOf(JmhResultFile.class));
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no results");
        }
        return results;
    }

    private static <T> T parse(Path file, ObjectReader reader) {
        try {
            return reader.readValue(file.toFile());
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": " + where(e) + "unknown field '" + e.getPropertyName()
                    + "' (expected one of " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException syntax) {
                throw malformed(file, syntax);
            }
            throw new IllegalArgumentException(file + ": " + where(e) + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(Path file, JsonProcessingException e) {
        return new IllegalArgumentException(file + ": malformed JSON: " + e.getOriginalMessage() + " at line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }

    /** The place of a mapping error, e.g. {@code [0].primaryMetric.score: }. */
    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "" : (path.startsWith(".") ? path.substring(1) : path) + ": ";
    }

    /** A JSON number, or one of JMH's strings "NaN", "Infinity", "+INF", "-INF". */
    private static final class JmhNumber extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        JmhNumber() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                switch (p.getText()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                    case "+INF":
                    case "+Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                    case "-INF":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            throw JsonMappingException.from(p, "'" + p.getText() + "' is not a number");
        }
    }
}
