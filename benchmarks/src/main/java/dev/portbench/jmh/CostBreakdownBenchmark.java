package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where a replayed event's time goes: the same trace as {@link ReplayBenchmark}, with each event
 * split into an explicit {@code expire(now)} followed by the event itself (whose own expiry check
 * then finds nothing due), and only the calls of one {@link #operation} timed:
 * {@code allocate} (an open), {@code release} (a close) or {@code expire} (the expiry call before
 * every event, most of which free nothing). Everything between two timed calls is replayed in an
 * invocation-level setup, untimed.
 *
 * <p>Invocation-level setup makes JMH read the clock around every call, which adds a constant of
 * a few tens of nanoseconds; {@link InvocationFloorBenchmark} measures that constant with the same
 * setup and no call, and the report subtracts it. Nanoseconds per call. The default workloads
 * are the pair whose winners differ: {@code q170791-rho0.99} (fixed rate) and {@code scale-3976}
 * (Poisson, same range and load). Per event, replay cost is about
 * {@code expire + allocate x opens/events + release x closes/events}.
 */
public class CostBreakdownBenchmark extends JmhDefaults {

    /** Every allocator of the registry by default; JMH takes constant names ({@code -p allocator=FIFO,RING}). */
    @Param
    AllocatorCatalog allocator;

    @Param({"q170791-rho0.99", "scale-3976"})
    String workload;

    /** The calls timed: {@code allocate}, {@code release} or {@code expire}. */
    @Param({"allocate", "release", "expire"})
    String operation;

    SplitReplay replay;
    private SplitReplay.Call timed;

    @Setup(Level.Trial)
    public void setUp() {
        replay = new SplitReplay(ReplayStates.warmedReplayer(allocator, workload));
        timed = SplitReplay.Call.fromId(operation);
    }

    /** Replays, untimed, everything before the next call of the timed kind. */
    @Setup(Level.Invocation)
    public void replayUpToTheTimedCall() {
        replay.skipUntil(timed);
    }

    @Benchmark
    public long call() {
        return replay.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ReplayStates.check(replay.replayer());
    }

    /**
     * A {@link TraceReplayer} whose events are split into two calls, the expiry and the event, so
     * that each can be timed alone. Not thread-safe; allocates nothing.
     */
    static final class SplitReplay {

        /** The kinds of call a split replay makes. */
        enum Call {
            ALLOCATE, RELEASE, RECLAIM, EXPIRE;

            static Call fromId(String id) {
                for (Call c : values()) {
                    if (c.name().equalsIgnoreCase(id)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("operation: '" + id + "' (expected allocate, release, reclaim or expire)");
            }
        }

        private final TraceReplayer replayer;
        private final Trace trace;
        private int index;
        private boolean expiryDone;
        private long callsMade;

        SplitReplay(TraceReplayer replayer) {
            this.replayer = replayer;
            this.trace = replayer.trace();
            this.index = replayer.nextIndex();
        }

        /** The kind of the next call. */
        Call peek() {
            if (!expiryDone) {
                return Call.EXPIRE;
            }
            switch (Trace.kind(trace.op(index))) {
                case Trace.OPEN:
                    return Call.ALLOCATE;
                case Trace.CLOSE:
                    return Call.RELEASE;
                default:
                    return Call.RECLAIM;
            }
        }

        /** Makes calls until the next one is of kind {@code call}; bounded by one lap plus one call. */
        void skipUntil(Call call) {
            for (int i = 0; i <= 2 * trace.size() && peek() != call; i++) {
                next();
            }
            if (peek() != call) {
                throw new IllegalStateException("no " + call + " call in a lap of " + trace.workload().id());
            }
        }

        /** Makes the next call: the expiry at the next event's time, or the event. */
        long next() {
            callsMade++;
            if (!expiryDone) {
                expiryDone = true;
                return replayer.allocator().expire(replayer.nextTime());
            }
            expiryDone = false;
            if (++index == trace.size()) {
                index = 0;
            }
            return replayer.step();
        }

        long callsMade() {
            return callsMade;
        }

        TraceReplayer replayer() {
            return replayer;
        }
    }
}
