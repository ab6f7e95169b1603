package dev.portbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed fixture run (src/test/resources/fixture-run): where it is, and a writable copy of it. */
final class FixtureRun {

    private FixtureRun() {
    }

    /** The fixture run's folder on the test class path (read only: copy it before writing). */
    static Path folder() {
        try {
            return Path.of(FixtureRun.class.getResource("/fixture-run/jmh.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the fixture run's address", e);
        }
    }

    /** Copies the fixture run's files into {@code run} (created if absent) and returns {@code run}. */
    static Path copyTo(Path run) {
        try {
            Files.createDirectories(run);
            try (Stream<Path> s = Files.list(folder())) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.copy(p, run.resolve(p.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }
}
