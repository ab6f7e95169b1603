package dev.portbench.trace;

import dev.portbench.allocator.AllocatorConfig;

import java.util.Locale;

/**
 * The synthetic client a trace is replayed on: its port range and TIME-WAIT, and how fast the
 * trace is played ({@code speed} k: every time is divided by k, so k = 2 offers twice the
 * connection rate with holding times halved).
 *
 * @param firstPort first port of the range
 * @param lastPort last port, inclusive
 * @param timeWaitNanos TIME-WAIT after an active close by the client
 * @param speed time compression, > 0 (1 = as recorded)
 */
public record ReplaySettings(int firstPort, int lastPort, long timeWaitNanos, double speed) {

    /** Linux's defaults (32768-60999, 60 s), as recorded. */
    public static final ReplaySettings LINUX = new ReplaySettings(32768, 60999, 60_000_000_000L, 1.0);

    /** Checks every field with the allocator library's own messages for the range and TIME-WAIT. */
    public ReplaySettings {
        AllocatorConfig.builder().portRange(firstPort, lastPort).timeWaitNanos(timeWaitNanos);
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed: " + speed + " (expected a finite factor > 0)");
        }
    }

    public int ports() {
        return lastPort - firstPort + 1;
    }

    public ReplaySettings withSpeed(double newSpeed) {
        return new ReplaySettings(firstPort, lastPort, timeWaitNanos, newSpeed);
    }

    public ReplaySettings withRange(int first, int last) {
        return new ReplaySettings(first, last, timeWaitNanos, speed);
    }

    public ReplaySettings withTimeWait(long nanos) {
        return new ReplaySettings(firstPort, lastPort, nanos, speed);
    }

    /** The allocator configuration of this client. */
    public AllocatorConfig allocatorConfig() {
        return AllocatorConfig.builder().portRange(firstPort, lastPort).timeWaitNanos(timeWaitNanos).build();
    }

    /** Replay time of trace time {@code t}, for a trace starting at {@code start}: {@code (t - start) / speed}. */
    public long scale(long t, long start) {
        long since = t - start;
        return speed == 1.0 ? since : (long) (since / speed);
    }

    /** {@code --range 1025-5000}: the range of a text, checked. */
    public static int[] parseRange(String text) {
        String[] p = text.split("-");
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].trim());
                int b = Integer.parseInt(p[1].trim());
                AllocatorConfig.builder().portRange(a, b);
                return new int[] {a, b};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--range: '" + text + "' (expected FIRST-LAST, such as 32768-60999)");
    }

    public String summary() {
        return String.format(Locale.ROOT, "ports %d-%d (%d), TIME-WAIT %s s, speed x%s", firstPort, lastPort, ports(),
                Seconds.format(timeWaitNanos), speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed));
    }
}
