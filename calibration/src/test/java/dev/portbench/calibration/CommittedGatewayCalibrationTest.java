package dev.portbench.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code linux-masquerade} kernel check, re-analysed from its raw data on every
 * build: the profile's model (netfilter with 6.5+'s eviction) matches the kernel in the held and
 * churn scenarios, and the negative control, the pre-6.5 search without eviction, misses both
 * churn scenarios, so the check tells eviction apart. Verdicts rather than bytes are compared: the
 * models' random choices belong to the NAT allocators, which may change their streams.
 */
class CommittedGatewayCalibrationTest {

    private static Path committed() {
        try (Stream<Path> s = Files.list(Path.of("..", "results", "calibration"))) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith("-" + MasqueradeAnalysis.PROFILE)).sorted()
                    .toList();
            assertFalse(all.isEmpty(), "a committed calibrate --gateway folder under results/calibration");
            return all.get(all.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theProfilesModelMatchesTheKernelAndThePre65SearchMissesTheChurn(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("gateway");
        FolderCopy.copyTree(committed(), dir);
        MasqueradeAnalysis.analyse(dir);
        MasqueradeSummary s = CalibrationJson.read(dir.resolve(MasqueradeAnalysis.SUMMARY), MasqueradeSummary.class);
        assertEquals("netfilter-6.5", s.profileAllocator());
        Map<String, MasqueradeComparison> byId = s.scenarios().stream()
                .collect(Collectors.toMap(c -> c.scenario().id(), c -> c));
        for (String id : List.of("held-small-range", "held-four-destinations", "churn-fin", "churn-rst")) {
            assertEquals(List.of(), byId.get(id).misses().get("netfilter-6.5"), id + ": the profile's model matches");
        }
        for (String id : List.of("held-small-range", "held-four-destinations")) {
            assertEquals(List.of(), byId.get(id).misses().get("netfilter"), id + ": held ports need no eviction");
            assertTrue(byId.get(id).kernel().failed() > 0, id + ": the range ran out");
        }
        for (String id : List.of("churn-fin", "churn-rst")) {
            MasqueradeComparison c = byId.get(id);
            assertEquals(c.kernel().connects(), c.kernel().established(), id + ": the kernel let every churned connect in");
            assertTrue(c.misses().get("netfilter").contains("established"), id + ": without eviction the model misses");
        }
        MasqueradeSummary committed = CalibrationJson.read(committed().resolve(MasqueradeAnalysis.SUMMARY),
                MasqueradeSummary.class);
        assertEquals(committed.scenarios().stream().map(c -> c.kernel()).toList(),
                s.scenarios().stream().map(c -> c.kernel()).toList(), "the kernel's figures come from the raw data as committed");
    }
}
