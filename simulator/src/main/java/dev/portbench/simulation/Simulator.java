package dev.portbench.simulation;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Workload;
import it.unimi.dsi.fastutil.longs.LongArrayFIFOQueue;
import it.unimi.dsi.fastutil.longs.LongHeapIndirectPriorityQueue;

import java.util.SplittableRandom;

/**
 * Drives one allocator through one simulated client in virtual time: connections arrive (fixed
 * rate or Poisson, in up to two phases), each takes a port or fails, is held (none, fixed or
 * exponential), closes into TIME-WAIT, and may have its TIME-WAIT ended early. A failed connect
 * is counted and, only if asked, retried after a delay.
 *
 * <p>Events are processed in time order; at one instant, closes come before reclaims before
 * connects, so a port freed at {@code t} can be taken at {@code t}. The allocator sees only its
 * public interface, with time starting at 0. Random draws come from the workload's seed, so the
 * same parameters give the same counts; exact allocators give identical counts to each other.
 *
 * <p>Costs: O(log n) per event for the pending closes of exponential holding and for early
 * reclaims (indirect heaps over port offsets), O(1) otherwise, plus the allocator's own cost.
 */
public final class Simulator {

    private Simulator() {
    }

    /** Runs {@code params} on a new allocator of {@code type}. */
    public static SimulationResult run(AllocatorCatalog type, SimulationParams params) {
        return new Run(type, params).execute();
    }

    private static final class Run {
        private final AllocatorCatalog type;
        private final SimulationParams p;
        private final Workload w;
        private final PortAllocator allocator;
        private final SplittableRandom random;
        private final int first;

        // pending closes: a FIFO when every connection is held equally long, else a heap by close time
        private final boolean fifoCloses;
        private final long[] closeAt;
        private final int[] ringPort;
        private final long[] ringTime;
        private int ringHead;
        private int ringSize;
        private final LongHeapIndirectPriorityQueue closeHeap;
        // pending early reclaims, by port offset
        private final long[] reclaimAt;
        private final LongHeapIndirectPriorityQueue reclaimHeap;
        // pending retries: time and attempts left, in time order because the delay is constant
        private final LongArrayFIFOQueue retryTimes = new LongArrayFIFOQueue();
        private final LongArrayFIFOQueue retryLeft = new LongArrayFIFOQueue();

        // arrivals
        private long nextArrival;
        private long arrivalIndex;
        private long phaseStart;
        private double gapNanos;
        private boolean secondPhase;

        // results
        private final long[] windowAttempts;
        private final long[] windowSuccesses;
        private final int[] inUse;
        private final int[] timeWait;
        private final int[] free;
        private int sampled;
        private long arrivals;
        private long attempts;
        private long successes;
        private long finalFailures;
        private long reclaims;
        private long reclaimedInTimeWait;
        private long events;
        private long firstFailure = -1;

        Run(AllocatorCatalog type, SimulationParams p) {
            this.type = type;
            this.p = p;
            this.w = p.workload();
            this.allocator = type.create(w.allocatorConfig());
            this.random = new SplittableRandom(w.seed());
            this.first = w.firstPort();
            int ports = w.ports();
            this.fifoCloses = w.holding() != HoldingTime.EXPONENTIAL;
            this.closeAt = new long[ports];
            this.ringPort = fifoCloses ? new int[ports] : null;
            this.ringTime = fifoCloses ? new long[ports] : null;
            this.closeHeap = fifoCloses ? null : new LongHeapIndirectPriorityQueue(closeAt, ports);
            this.reclaimAt = new long[ports];
            this.reclaimHeap = w.reclaimShare() > 0 ? new LongHeapIndirectPriorityQueue(reclaimAt, ports) : null;
            int windows = p.windows();
            this.windowAttempts = new long[windows];
            this.windowSuccesses = new long[windows];
            this.inUse = new int[windows];
            this.timeWait = new int[windows];
            this.free = new int[windows];
        }

        SimulationResult execute() {
            long wallStart = System.nanoTime();
            startPhase(0, w.ratePerSecond());
            long duration = p.durationNanos();
            while (true) {
                long tClose = nextClose();
                long tReclaim = reclaimHeap == null || reclaimHeap.isEmpty() ? Long.MAX_VALUE : reclaimAt[reclaimHeap.first()];
                long tRetry = retryTimes.isEmpty() ? Long.MAX_VALUE : retryTimes.firstLong();
                long tOpen = Math.min(nextArrival, tRetry);
                long t = Math.min(Math.min(tClose, tReclaim), tOpen);
                if (t >= duration) {
                    break;
                }
                sampleUpTo(t);
                events++;
                if (t == tClose) {
                    close(t);
                } else if (t == tReclaim) {
                    int offset = reclaimHeap.dequeue();
                    reclaims++;
                    if (allocator.reclaim(first + offset, t)) {
                        reclaimedInTimeWait++;
                    }
                } else if (t == tRetry) {
                    retryTimes.dequeueLong();
                    open(t, (int) retryLeft.dequeueLong());
                } else {
                    arrivals++;
                    open(t, p.retries());
                    advanceArrival();
                }
            }
            sampleUpTo(duration);
            long wall = System.nanoTime() - wallStart;
            return new SimulationResult(type.id(), p, arrivals, attempts, successes, finalFailures, reclaims,
                    reclaimedInTimeWait, firstFailure, windowAttempts, windowSuccesses, inUse, timeWait, free, events,
                    allocator.maxLatenessNanos(), wall);
        }

        private long nextClose() {
            if (fifoCloses) {
                return ringSize == 0 ? Long.MAX_VALUE : ringTime[ringHead];
            }
            return closeHeap.isEmpty() ? Long.MAX_VALUE : closeAt[closeHeap.first()];
        }

        private void close(long t) {
            int offset;
            if (fifoCloses) {
                offset = ringPort[ringHead];
                ringHead = ringHead + 1 == ringPort.length ? 0 : ringHead + 1;
                ringSize--;
            } else {
                offset = closeHeap.dequeue();
            }
            allocator.release(first + offset, t);
            if (reclaimHeap != null && random.nextDouble() < w.reclaimShare()) {
                long span = w.timeWaitNanos() - Workload.MIN_RECLAIM_DELAY_NANOS;
                reclaimAt[offset] = t + Workload.MIN_RECLAIM_DELAY_NANOS + (long) (random.nextDouble() * span);
                reclaimHeap.enqueue(offset);
            }
        }

        private void open(long t, int retriesLeft) {
            attempts++;
            int window = (int) (t / p.windowNanos());
            windowAttempts[window]++;
            int port = allocator.allocate(t);
            if (port == PortAllocator.NO_PORT) {
                if (firstFailure < 0) {
                    firstFailure = t;
                }
                if (retriesLeft > 0) {
                    retryTimes.enqueue(t + p.retryDelayNanos());
                    retryLeft.enqueue(retriesLeft - 1);
                } else {
                    finalFailures++;
                }
                return;
            }
            successes++;
            windowSuccesses[window]++;
            int offset = port - first;
            long hold = switch (w.holding()) {
                case NONE -> 0;
                case FIXED -> w.meanHoldNanos();
                case EXPONENTIAL -> (long) (-Math.log(1 - random.nextDouble()) * w.meanHoldNanos());
            };
            if (fifoCloses) {
                int tail = ringHead + ringSize;
                if (tail >= ringPort.length) {
                    tail -= ringPort.length;
                }
                ringPort[tail] = offset;
                ringTime[tail] = t + hold;
                ringSize++;
            } else {
                closeAt[offset] = t + hold;
                closeHeap.enqueue(offset);
            }
        }

        private void startPhase(long start, double ratePerSecond) {
            phaseStart = start;
            arrivalIndex = 0;
            if (ratePerSecond <= 0) {
                gapNanos = Double.POSITIVE_INFINITY;
                nextArrival = Long.MAX_VALUE;
                return;
            }
            gapNanos = 1e9 / ratePerSecond;
            nextArrival = start + firstGap();
            checkPhase();
        }

        private long firstGap() {
            return w.arrivals() == ArrivalProcess.FIXED_RATE ? 0 : exponential();
        }

        private long exponential() {
            return (long) (-Math.log(1 - random.nextDouble()) * gapNanos);
        }

        private void advanceArrival() {
            arrivalIndex++;
            if (w.arrivals() == ArrivalProcess.FIXED_RATE) {
                nextArrival = phaseStart + (long) Math.floor(arrivalIndex * gapNanos);
            } else {
                nextArrival += exponential();
            }
            checkPhase();
        }

        private void checkPhase() {
            if (!secondPhase && nextArrival >= p.phaseChangeNanos()) {
                secondPhase = true;
                startPhase(p.phaseChangeNanos(), p.secondRho() * w.capacityPerSecond());
            }
        }

        /** Records occupancy at every window end up to and including {@code t}. */
        private void sampleUpTo(long t) {
            long windowEnd;
            while (sampled < inUse.length && (windowEnd = Math.min((sampled + 1) * p.windowNanos(), p.durationNanos())) <= t) {
                allocator.expire(windowEnd);
                inUse[sampled] = allocator.inUseCount();
                timeWait[sampled] = allocator.timeWaitCount();
                free[sampled] = allocator.freeCount();
                sampled++;
            }
        }
    }
}
