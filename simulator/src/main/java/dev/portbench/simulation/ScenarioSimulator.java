package dev.portbench.simulation;

import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.workload.HoldingTime;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a {@link Scenario} in virtual time on a destination-aware allocator: attempts arrive
 * (fixed rate, Poisson or explicit instants), each goes to a destination (round-robin, Zipf or
 * explicit), takes a port by {@code connect} or {@code bind} (a one-pool stack binds: it shares
 * nothing), is held, closes into TIME-WAIT, which the allocator ends at the stack's lateness or
 * hands over to a {@code tcp_tw_reuse} connect.
 *
 * <p>Events are processed in time order; at one instant closes come before attempts, so a
 * connection closed at {@code t} leaves TIME-WAIT room for one opened at {@code t}. Random draws
 * come from the scenario's seed: the same scenario gives the same counts.
 *
 * <p>Costs: O(1) per attempt and close for fixed holding, O(log n) for exponential holding (the
 * held connections are {@link PendingCloses}), plus the allocator's cost and, for Zipf,
 * Commons RNG's rejection-inversion sampler (O(1) expected). Memory: the pending closes, the
 * allocator's entries, the time series, and the outcomes if asked for.
 */
public final class ScenarioSimulator {

    /** Outages kept in a result; all are counted. */
    public static final int MAX_OUTAGES_KEPT = 10_000;

    private ScenarioSimulator() {
    }

    /** Runs {@code scenario} on a new allocator of its type. */
    public static ScenarioResult run(Scenario scenario) {
        return new Run(scenario).execute();
    }

    private static final class Run {
        private final Scenario s;
        private final ConnectionPortAllocator allocator;
        private final boolean bind;
        private final SplittableRandom random;
        private final SharedStateDiscreteSampler zipf;
        private final long duration;
        private final long half;

        // arrivals
        private long index;
        private long nextAttempt;
        private final double gapNanos;

        private final PendingCloses pending;

        // results
        private final long[] windowEnd;
        private final long[] windowAttempts;
        private final long[] windowSuccesses;
        private final int[] inUse;
        private final int[] timeWait;
        private final int[] busy;
        private int sampled;
        private long attempts;
        private long successes;
        private long steadyAttempts;
        private long steadySuccesses;
        private long events;
        private int[] outcomes;
        private final OutageLog outages = new OutageLog(MAX_OUTAGES_KEPT);

        Run(Scenario s) {
            this.s = s;
            this.allocator = s.allocator().create(s.allocatorConfig());
            this.bind = !s.sharesPorts();
            this.random = new SplittableRandom(s.seed());
            this.duration = s.durationNanos();
            this.half = steadyStart(s);
            this.gapNanos = s.ratePerSecond() > 0 ? 1e9 / s.ratePerSecond() : 0;
            if (s.destinationPattern() == DestinationPattern.ZIPF) {
                UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(s.seed() ^ 0x5DEECE66DL);
                this.zipf = RejectionInversionZipfSampler.of(rng, s.destinations(), s.zipfExponent());
            } else {
                this.zipf = null;
            }
            this.pending = new PendingCloses(s.holding() != HoldingTime.EXPONENTIAL);
            int windows = (int) ((duration - 1) / s.windowNanos() + 1);
            this.windowEnd = new long[windows];
            for (int w = 0; w < windows; w++) {
                windowEnd[w] = Math.min((w + 1) * s.windowNanos(), duration);
            }
            this.windowAttempts = new long[windows];
            this.windowSuccesses = new long[windows];
            this.inUse = new int[windows];
            this.timeWait = new int[windows];
            this.busy = new int[windows];
            if (s.recordOutcomes()) {
                outcomes = new int[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, s.expectedAttempts() + 16))];
            }
            this.nextAttempt = firstAttempt();
        }

        /**
         * Where the steady state starts: the last whole periods of (hold + TIME-WAIT) that fit in the
         * second half, so that a client that fails in bursts one period apart is measured over
         * whole bursts; the second half itself when it is shorter than one period.
         */
        static long steadyStart(Scenario s) {
            long period = s.holdNanos() + s.timeWaitNanos();
            long halfLength = s.durationNanos() - s.durationNanos() / 2;
            long periods = halfLength / period;
            return periods == 0 ? s.durationNanos() / 2 : s.durationNanos() - periods * period;
        }

        ScenarioResult execute() {
            long wallStart = System.nanoTime();
            while (true) {
                long tClose = pending.nextClose();
                long t = Math.min(tClose, nextAttempt);
                if (t >= duration) {
                    break;
                }
                sampleUpTo(t);
                events++;
                if (tClose <= nextAttempt) {
                    close();
                } else {
                    attempt(t);
                    index++;
                    nextAttempt = followingAttempt(t);
                }
            }
            sampleUpTo(duration);
            outages.finish(-1, duration);
            long wall = System.nanoTime() - wallStart;
            long failures = attempts - successes;
            double halfSeconds = (duration - half) / 1e9;
            List<Outage> kept = outages.kept();
            long recovery = kept.isEmpty() || !kept.get(0).recovered() ? -1
                    : kept.get(0).endNanos() - kept.get(0).startNanos();
            return new ScenarioResult(s, attempts, successes, failures,
                    attempts == 0 ? 1.0 : (double) successes / attempts, allocator.reuses(), outages.firstFailure(),
                    outages.count(), kept, outages.longest(), recovery,
                    steadyAttempts == 0 ? 1.0 : (double) steadySuccesses / steadyAttempts,
                    steadySuccesses / halfSeconds, s.capacityPerSecond(), allocator.maxLatenessNanos(), events, wall,
                    new ScenarioSeries(s.windowNanos(), windowEnd, windowAttempts, windowSuccesses, inUse, timeWait, busy),
                    outcomes == null ? new int[0] : Arrays.copyOf(outcomes, (int) attempts));
        }

        private long firstAttempt() {
            switch (s.arrivals()) {
                case FIXED_RATE:
                    return 0;
                case POISSON:
                    return exponentialGap();
                default:
                    return s.attemptTimes().length == 0 ? Long.MAX_VALUE : s.attemptTimes()[0];
            }
        }

        private long followingAttempt(long previous) {
            switch (s.arrivals()) {
                case FIXED_RATE:
                    return (long) Math.floor(index * gapNanos);
                case POISSON:
                    return previous + exponentialGap();
                default:
                    return index < s.attemptTimes().length ? s.attemptTimes()[(int) index] : Long.MAX_VALUE;
            }
        }

        private long exponentialGap() {
            return (long) (-Math.log(1 - random.nextDouble()) * gapNanos);
        }

        private int destination() {
            switch (s.destinationPattern()) {
                case ROUND_ROBIN:
                    return (int) (index % s.destinations());
                case ZIPF:
                    return zipf.sample() - 1;
                default:
                    int[] d = s.destinationPerAttempt();
                    return d[(int) (index % d.length)];
            }
        }

        private void attempt(long t) {
            int d = destination();
            long key = s.destinationKey(d);
            int port = bind ? allocator.bind(t, key) : allocator.connect(t, key);
            attempts++;
            int w = (int) (t / s.windowNanos());
            windowAttempts[w]++;
            boolean steady = t >= half;
            if (steady) {
                steadyAttempts++;
            }
            if (outcomes != null) {
                if (attempts > outcomes.length) {
                    outcomes = Arrays.copyOf(outcomes, (int) Math.min(Integer.MAX_VALUE - 8, 2L * outcomes.length));
                }
                outcomes[(int) (attempts - 1)] = port;
            }
            if (port == ConnectionPortAllocator.NO_PORT) {
                outages.failed(t);
                return;
            }
            outages.succeeded(t);
            successes++;
            windowSuccesses[w]++;
            if (steady) {
                steadySuccesses++;
            }
            switch (s.holding()) {
                case NONE:
                    allocator.release(port, key, t);
                    break;
                case FIXED:
                    pending.add(t + s.holdNanos(), port, d);
                    break;
                default:
                    pending.add(t + (long) (-Math.log(1 - random.nextDouble()) * s.holdNanos()), port, d);
            }
        }

        private void close() {
            long at = pending.poll();
            allocator.release(pending.port(), s.destinationKey(pending.destination()), at);
        }

        /** Records the counts at every window end up to and including {@code t}. */
        private void sampleUpTo(long t) {
            while (sampled < windowEnd.length && windowEnd[sampled] <= t) {
                allocator.expire(windowEnd[sampled]);
                inUse[sampled] = allocator.inUseCount();
                timeWait[sampled] = allocator.timeWaitCount();
                busy[sampled] = allocator.busyPortCount();
                sampled++;
            }
        }
    }
}
