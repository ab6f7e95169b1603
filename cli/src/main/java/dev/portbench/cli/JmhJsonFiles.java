package dev.portbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JMH result files of one run's passes joined into one {@code jmh.json}: the arrays concatenated
 * in pass order, every result object untouched, written compact (one line; JMH's indented form
 * is several times larger). The part files other than {@code out} are deleted afterwards.
 */
final class JmhJsonFiles {

    private JmhJsonFiles() {
    }

    static void mergeCompact(List<Path> parts, Path out) {
        ArrayNode all = AtomicFiles.JSON.createArrayNode();
        for (Path part : parts) {
            try {
                JsonNode n = AtomicFiles.JSON.readTree(part.toFile());
                if (n == null || !n.isArray()) {
                    throw new IllegalStateException(part + ": expected JMH's JSON result array");
                }
                all.addAll((ArrayNode) n);
            } catch (IOException e) {
                throw new UncheckedIOException(part + ": " + e.getMessage(), e);
            }
        }
        try {
            AtomicFiles.write(out, AtomicFiles.JSON.writeValueAsString(all) + "\n");
            for (Path part : parts) {
                if (!part.equals(out)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }
}
