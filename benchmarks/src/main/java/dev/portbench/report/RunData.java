package dev.portbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A run folder, read and checked: {@code environment.json} and {@code jmh.json} are required;
 * {@code footprint.json}, {@code simulation.json} and {@code selection.json} are read when present. Any file that is
 * missing or malformed is reported naming the file and the problem.
 *
 * @param dir the run folder
 * @param name the folder's name
 * @param environment environment.json
 * @param results JMH's results, in file order
 * @param footprint footprint.json, or null
 * @param simulation simulation.json, or null
 * @param selection selection.json, or null
 */
public record RunData(Path dir, String name, JsonNode environment, List<JmhResult> results, JsonNode footprint,
                      JsonNode simulation, JsonNode selection) {

    public static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a run folder (expected a directory written by ./portbench run)");
        }
        JsonNode env = read(dir.resolve("environment.json"), true);
        if (!env.isObject() || !env.has("schema")) {
            throw new IllegalArgumentException(dir.resolve("environment.json") + ": not a portbench environment (no 'schema')");
        }
        Path jmhFile = dir.resolve("jmh.json");
        JsonNode jmh = read(jmhFile, true);
        if (!jmh.isArray()) {
            throw new IllegalArgumentException(jmhFile + ": expected JMH's JSON result array, found " + jmh.getNodeType());
        }
        if (jmh.isEmpty()) {
            throw new IllegalArgumentException(jmhFile + ": holds no results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < jmh.size(); i++) {
            results.add(JmhResult.parse(jmh.get(i), jmhFile, i));
        }
        JsonNode footprint = read(dir.resolve("footprint.json"), false);
        JsonNode simulation = read(dir.resolve("simulation.json"), false);
        JsonNode selection = read(dir.resolve("selection.json"), false);
        return new RunData(dir, dir.toAbsolutePath().normalize().getFileName().toString(), env,
                Collections.unmodifiableList(results), footprint, simulation, selection);
    }

    private static JsonNode read(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IllegalArgumentException(file + ": missing (a complete run folder has environment.json and jmh.json)");
            }
            return null;
        }
        try {
            JsonNode n = AtomicFiles.JSON.readTree(file.toFile());
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException(file + ": empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Results of one benchmark (short name), in file order. */
    public List<JmhResult> of(String benchmark) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.benchmark().equals(benchmark)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A text field of environment.json by path ("machine/cpuModel"), or "unknown". */
    public String env(String path) {
        JsonNode n = environment.at("/" + path);
        return n.isMissingNode() || n.isNull() ? "unknown" : n.asText();
    }
}
