package dev.portbench.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No silent options: per command, every option that has no effect without another is refused
 * without it (exit 2, the option named), before anything runs. Each row gives the option with a
 * value it would otherwise accept.
 */
class SilentOptionsTest {

    @ParameterizedTest(name = "calibrate {0} {1} without --rate")
    @CsvSource({"--range,40000-40099", "--destinations,2", "--by,address", "--call,bind", "--tw-reuse,1"})
    void calibrateRefusesACustomScenarioOptionWithoutRate(String option, String value) {
        CliRun.rejects(option + ": has no effect here (expected --rate", "calibrate", option, value);
    }

    @ParameterizedTest(name = "calibrate --reanalyse DIR {0} {1}")
    @CsvSource({"--scenario,fast-loop", "--out,target/x", "--lateness,resource", "--duration,1", "--rate,5",
        "--range,40000-40099"})
    void calibrateRefusesMeasuringOptionsWithReanalyse(String option, String value) {
        CliRun.rejects(option + ": has no effect here (expected no --reanalyse", "calibrate", "--reanalyse", "target",
                option, value);
    }

    @ParameterizedTest(name = "run {0} {1} without --threads")
    @CsvSource({"--threads-allocators,ring", "--threads-workloads,q170791-rho0.99", "--threads-forks,3",
        "--threads-iterations,2", "--threads-millis,100"})
    void runRefusesAManyThreadsOptionWithoutThreads(String option, String value) {
        CliRun.rejects(option + ": has no effect here (expected --threads", "run", option, value);
    }

    @ParameterizedTest(name = "simulate --trace FILE {0} {1}")
    @CsvSource({"--rate,5", "--poisson,5", "--hold,1s", "--duration,10s", "--destinations,2", "--zipf,1", "--call,bind",
        "--tw-reuse,1", "--tw-reuse-delay,1s", "--allocator,pair-table", "--tick,1s", "--window,1s", "--seed,3",
        "--name,x", "--json,target/x.json", "--csv,target/x.csv", "--outcomes-csv,target/o.csv", "--periods,3",
        "--preset,q170791"})
    void simulateRefusesScenarioOptionsWithATrace(String option, String value) {
        CliRun.rejects(option + ": an option of a scenario, not of --trace", "simulate", "--trace", "no-such-trace.csv",
                option, value);
    }

    @ParameterizedTest(name = "simulate --trace FILE {0}")
    @CsvSource({"--loopback"})
    void simulateRefusesAScenarioFlagWithATrace(String option) {
        CliRun.rejects(option + ": an option of a scenario, not of --trace", "simulate", "--trace", "no-such-trace.csv", option);
    }

    @ParameterizedTest(name = "gateway {1}")
    @CsvSource(delimiter = '|', value = {
        "--burst: has no effect here (expected --arrival bursts|--burst 2:1:10",
        "--burst: has no effect here (expected --arrival bursts|--arrival daily --burst 2:1:10",
        "--daily: has no effect here (expected --arrival daily|--daily 0.5:100",
        "--daily: has no effect here (expected --arrival daily|--arrival bursts --daily 0.5:100",
        "--hot-share: has no effect here (expected no --weights|--weights 1,2 --hot-share 0.5",
        "--hot-share: has no effect here (expected --destinations N above 1|--hot-share 0.5",
        "--max-failed-fraction: has no effect here (expected --find|--max-failed-fraction 0.1",
        "--windows: has no effect here (expected no --find|--find max-clients --windows 5",
        "--clients: has no effect here (expected no --list|--list --clients 5",
        "--json: has no effect here (expected no --list|--list --json target/x.json",
        "--clients: has no effect here (expected no --scenario|--scenario no-such.json --clients 5"})
    void gatewayRefusesAnOptionWithoutWhatItActsWith(String message, String args) {
        String[] a = args.split(" ");
        String[] all = new String[a.length + 1];
        all[0] = "gateway";
        System.arraycopy(a, 0, all, 1, a.length);
        CliRun.rejects(message, all);
    }

    @ParameterizedTest(name = "calibrate --gateway linux-masquerade {0} {1}")
    @CsvSource({"--lateness,resource", "--duration,1", "--rate,5"})
    void calibrateRefusesStackOptionsWithGateway(String option, String value) {
        CliRun.rejects(option + ": has no effect here (expected no --gateway", "calibrate", "--gateway", "linux-masquerade",
                option, value);
    }
}
