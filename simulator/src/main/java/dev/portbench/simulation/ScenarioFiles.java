package dev.portbench.simulation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.portbench.io.AtomicFiles;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ScenarioResult}: the whole result as JSON (Jackson, the project's shared
 * writer: stable key order, so the same result gives the same bytes apart from its wall time), the
 * time series as CSV (Jackson CSV, one row per window), and each attempt's outcome as CSV.
 */
public final class ScenarioFiles {

    private static final CsvMapper CSV = new CsvMapper();

    private ScenarioFiles() {
    }

    /** One window of the series. */
    @JsonPropertyOrder({"endSeconds", "attempts", "successes", "success", "inUse", "timeWait", "busyPorts"})
    public record SeriesRow(double endSeconds, long attempts, long successes, double success, int inUse, int timeWait,
                            int busyPorts) {
    }

    /** One attempt: its index from 0 and the port it got, -1 for a failure. */
    @JsonPropertyOrder({"attempt", "port"})
    public record OutcomeRow(long attempt, int port) {
    }

    public static void writeJson(Path file, ScenarioResult result) {
        AtomicFiles.writeJson(file, result);
    }

    /** The rows of {@code result}'s time series. */
    public static List<SeriesRow> seriesRows(ScenarioResult result) {
        ScenarioSeries s = result.series();
        List<SeriesRow> rows = new ArrayList<>(s.windows());
        for (int w = 0; w < s.windows(); w++) {
            rows.add(new SeriesRow(s.endNanos()[w] / 1e9, s.attempts()[w], s.successes()[w], s.success(w),
                    s.inUse()[w], s.timeWait()[w], s.busyPorts()[w]));
        }
        return rows;
    }

    public static void writeCsv(Path file, ScenarioResult result) {
        write(file, seriesRows(result), SeriesRow.class);
    }

    /**
     * @throws IllegalArgumentException if the scenario did not record outcomes
     */
    public static void writeOutcomesCsv(Path file, ScenarioResult result) {
        if (!result.scenario().recordOutcomes()) {
            throw new IllegalArgumentException("outcomes: not recorded (expected: a scenario built with recordOutcomes(true))");
        }
        int[] ports = result.outcomes();
        List<OutcomeRow> rows = new ArrayList<>(ports.length);
        for (int i = 0; i < ports.length; i++) {
            rows.add(new OutcomeRow(i, ports[i]));
        }
        write(file, rows, OutcomeRow.class);
    }

    private static <T> void write(Path file, List<T> rows, Class<T> type) {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        try {
            AtomicFiles.write(file, CSV.writer(schema).writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
