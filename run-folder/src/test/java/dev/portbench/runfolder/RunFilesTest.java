package dev.portbench.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run files are read as their records, or rejected naming the file and the problem. */
class RunFilesTest {

    @Test
    void everyCommittedRunFolderReadsAsRecords() throws IOException {
        Path runs = Path.of("..", "results", "runs");
        List<Path> folders;
        try (Stream<Path> s = Files.list(runs)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : folders) {
            assertNotNull(RunFiles.read(dir.resolve(RunFiles.ENVIRONMENT), EnvironmentFile.class, EnvironmentFile.SCHEMA).git(),
                    dir.toString());
            RunFiles.readIfPresent(dir.resolve(RunFiles.MANY_THREADS), ManyThreadsFile.class, ManyThreadsFile.SCHEMA)
                    .ifPresent(m -> assertFalse(m.throughput().isEmpty(), dir.toString()));
            RunFiles.readIfPresent(dir.resolve(ExpiryCallsFile.FILE), ExpiryCallsFile.class, ExpiryCallsFile.SCHEMA)
                    .ifPresent(e -> assertFalse(e.rows().isEmpty(), dir.toString()));
        }
    }

    @Test
    void foldersHoldingAFileAreListedByNameAndNoFolderListsNone(@TempDir Path dir) throws IOException {
        for (String name : List.of("20261207-b", "20261125-a", "20261126-none")) {
            Files.createDirectories(dir.resolve(name));
        }
        Files.writeString(dir.resolve("20261207-b").resolve(RunFiles.JMH), "[]");
        Files.writeString(dir.resolve("20261125-a").resolve(RunFiles.JMH), "[]");
        Files.createDirectories(dir.resolve("20261126-none").resolve(RunFiles.JMH)); // a folder by that name is no file
        Files.writeString(dir.resolve(RunFiles.JMH), "[]"); // a file beside the folders is no folder
        assertEquals(List.of(dir.resolve("20261125-a"), dir.resolve("20261207-b")), RunFiles.foldersHolding(dir, RunFiles.JMH));
        assertEquals(List.of(), RunFiles.foldersHolding(dir, RunFiles.SELECTION));
        assertEquals(List.of(), RunFiles.foldersHolding(dir.resolve("absent"), RunFiles.JMH));
    }

    /** JMH writes the enum parameter's constant name; older runs hold the id: both are read as the id. */
    @Test
    void theAllocatorParameterIsReadAsItsIdWhicheverFormTheFileHolds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.JMH);
        Files.writeString(file, "[" + result("TIMING_WHEEL") + "," + result("timing-wheel") + "]");
        List<JmhResultFile> results = RunFiles.readJmh(file);
        assertEquals(List.of("timing-wheel", "timing-wheel"), results.stream().map(r -> r.params().get("allocator")).toList());
        assertEquals(List.of("allocator", "workload"), List.copyOf(results.get(0).params().keySet()), "JMH's order kept");

        Files.writeString(file, "[" + result("no-such-allocator") + "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFiles.readJmh(file));
        assertTrue(e.getMessage().contains("jmh.json") && e.getMessage().contains("'no-such-allocator'")
                && e.getMessage().contains("timing-wheel"), e.getMessage());
    }

    private static String result(String allocator) {
        return "{\"benchmark\": \"dev.portbench.jmh.ReplayBenchmark.replay\", \"mode\": \"avgt\", "
                + "\"params\": {\"allocator\": \"" + allocator + "\", \"workload\": \"burst\"}, "
                + "\"primaryMetric\": {\"score\": 1.0, \"scoreUnit\": \"ns/op\"}}";
    }

    @Test
    void aFileOfAnotherFormatVersionIsRejectedSayingWhichVersions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.SELECTION);
        String old = rejection(file, "{\"schema\": 0, \"workload\": \"w\"}", SelectionFile.class, SelectionFile.SCHEMA);
        assertTrue(old.contains("selection.json: format version 0, but this portbench reads version "
                + SelectionFile.SCHEMA + " (the run was written by an older portbench"), old);

        String none = rejection(file, "{\"workload\": \"w\"}", SelectionFile.class, SelectionFile.SCHEMA);
        assertTrue(none.contains("no format version ('schema')"), none);
    }

    @Test
    void unknownFieldsAndWrongTypesAreRejectedWithTheirPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.ENVIRONMENT);
        String unknown = rejection(file, "{\"schema\": 1, \"machine\": {\"cpuModel\": \"x\", \"cores\": 2, \"sockets\": 1}}",
                EnvironmentFile.class, EnvironmentFile.SCHEMA);
        assertTrue(unknown.contains("environment.json: machine.sockets: unknown field 'sockets'"), unknown);

        String type = rejection(file, "{\"schema\": 1, \"machine\": {\"cores\": \"two\"}}",
                EnvironmentFile.class, EnvironmentFile.SCHEMA);
        assertTrue(type.contains("environment.json: machine.cores: "), type);
    }

    /** Writes {@code json} to {@code file} and returns the message {@link RunFiles#read} rejects it with. */
    private static String rejection(Path file, String json, Class<?> type, int schema) throws IOException {
        Files.writeString(file, json);
        return assertThrows(IllegalArgumentException.class, () -> RunFiles.read(file, type, schema)).getMessage();
    }

    @Test
    void jmhsStringNumbersReadAsDoubles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.JMH);
        Files.writeString(file, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"jmhVersion\": \"1.37\", \"primaryMetric\": "
                + "{\"score\": \"NaN\", \"scoreConfidence\": [\"-INF\", \"+INF\"], \"scoreUnit\": \"ns/op\", \"rawData\": []}}]");
        JmhResultFile r = RunFiles.readJmh(file).get(0);
        assertTrue(r.primaryMetric().score().isNaN());
        assertEquals(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), r.primaryMetric().scoreConfidence());
    }
}
