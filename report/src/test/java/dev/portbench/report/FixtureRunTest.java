package dev.portbench.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The fixture a test class on the committed fixture run extends: before each test, a fresh
 * writable copy of the run ({@link FixtureRun#copyTo}) at {@code results/runs/20261125-100000-quick}
 * under a temporary root {@link #tmp}, so that a test may edit the run's files and write its report.
 * One copy of a few small files per test.
 */
abstract class FixtureRunTest {

    @TempDir
    Path tmp;
    /** This test's copy of the fixture run. */
    Path run;

    @BeforeEach
    void copyFixture() {
        run = FixtureRun.copyTo(tmp.resolve("results/runs/20261125-100000-quick"));
    }
}
