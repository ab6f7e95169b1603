package dev.portbench.cli;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.selection.SelectionStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./portbench policies}: the selection-policy measures alone. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = {"The selection-policy measures alone (RFC 6056 algorithms 1-5 and more): probes, false "
                + "exhaustion, reuse distance, uniformity and predictability of every structure x policy pair."})
final class PoliciesCommand implements Callable<Integer> {

    @Mixin
    private StudyOptions study;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SelectionFile doc = SelectionStudy.run(study.periods());
        System.out.print(SelectionStudy.summary(doc));
        System.out.printf(Locale.ROOT, "(%s)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
        if (study.out != null) {
            RunFiles.write(study.out, doc);
            System.out.println("wrote " + study.out);
        }
        return 0;
    }
}
