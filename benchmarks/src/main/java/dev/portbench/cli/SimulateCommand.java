package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.SimulationStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./portbench simulate}: the Q170791 simulation alone, in virtual time; prints the KB's table. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"The Q170791 simulation alone: every allocator driven in virtual time through fill, cliff and "
                + "recovery, the KB's table and the sweeps a run's report plots."})
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    private StudyOptions study;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Map<String, Object> doc = SimulationStudy.run(study.periods());
        System.out.print(SimulationStudy.summary(doc));
        System.out.printf(Locale.ROOT, "(%s)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
        if (study.out != null) {
            AtomicFiles.writeJson(study.out, doc);
            System.out.println("wrote " + study.out);
        }
        return 0;
    }
}
