package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.portbench.io.AtomicFiles;
import dev.portbench.stack.TimeWaitLateness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads and writes the calibration's JSON files: the project's mapper and layout
 * ({@link AtomicFiles}), with {@link TimeWaitLateness} written as exactly the fields of
 * {@code linux-timewait-lateness.json} (its derived {@code isExact()} left out), so what this
 * package writes it can read back.
 */
final class CalibrationJson {

    /** Leaves the derived {@code exact} property out of {@link TimeWaitLateness}. */
    abstract static class LatenessFields {
        @JsonIgnore
        abstract boolean isExact();
    }

    static final ObjectMapper JSON = AtomicFiles.JSON.copy().addMixIn(TimeWaitLateness.class, LatenessFields.class);
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private CalibrationJson() {
    }

    /** Writes {@code value} as indented JSON with a trailing newline, whole or not at all. */
    static void write(Path target, Object value) {
        try {
            AtomicFiles.write(target, PRETTY.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} as {@code type}; a clear exception naming the file otherwise. */
    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
