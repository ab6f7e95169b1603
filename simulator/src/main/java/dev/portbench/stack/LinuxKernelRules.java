package dev.portbench.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The version-dependent rules of Linux's port allocation and TIME-WAIT, for one kernel release
 * (the changes listed in the project's FACTS.md, each with the release that brought it):
 *
 * <ul>
 *   <li>4.1: one TIME-WAIT timer per socket on the timer wheel (before: a "death row" of 8 slots
 *       with at most 100 kills per pass);</li>
 *   <li>4.2: {@code IP_BIND_ADDRESS_NO_PORT};</li>
 *   <li>5.18 (2022, "increase source port perturb table to 2^16"): a 2^16-entry perturbation
 *       table and a random increment {@code max(walked, random(8) * step) + step} after each
 *       connect (before: 256 entries and {@code walked + step}, an exact, sequential start per
 *       destination);</li>
 *   <li>6.1: bhash2 (bind hash by port and address);</li>
 *   <li>6.3: the per-socket {@code IP_LOCAL_PORT_RANGE};</li>
 *   <li>6.8: connect() stops preferring even ports (step 1, one pass) when that option is set;</li>
 *   <li>6.14: the {@code tcp_tw_reuse_delay} sysctl (before: a fixed 1 s);</li>
 *   <li>6.15: "tcp: scale connect() under pressure" (a cost change; which port is chosen is not).</li>
 * </ul>
 * Releases older than 4.1 are outside the model and refused. O(1).
 *
 * @param version the release the rules are for
 */
public record LinuxKernelRules(KernelVersion version) {

    /** The oldest release modelled: one TIME-WAIT timer per socket. */
    public static final KernelVersion OLDEST = new KernelVersion(4, 1);

    public LinuxKernelRules {
        if (version == null || !version.atLeast(OLDEST)) {
            throw new IllegalArgumentException("Linux " + version + " (expected " + OLDEST
                    + " or later: older kernels expire TIME-WAIT on an 8-slot death row, which is not modelled)");
        }
    }

    /** The rules of the release named like {@code uname -r}. */
    public static LinuxKernelRules of(String release) {
        return new LinuxKernelRules(KernelVersion.parse(release));
    }

    private boolean since(int major, int minor) {
        return version.atLeast(new KernelVersion(major, minor));
    }

    /** {@code IP_BIND_ADDRESS_NO_PORT} exists (4.2). */
    public boolean bindAddressNoPort() {
        return since(4, 2);
    }

    /** connect() moves the perturbation entry by a random increment (5.18): the start is randomised. */
    public boolean randomIncrements() {
        return since(5, 18);
    }

    /** Perturbation table entries: 2^16 since 5.18, 256 before. */
    public int perturbTableSize() {
        return randomIncrements() ? 1 << 16 : 256;
    }

    /** The per-socket {@code IP_LOCAL_PORT_RANGE} exists (6.3). */
    public boolean socketPortRange() {
        return since(6, 3);
    }

    /** Whether connect() walks even offsets first when the socket set its own range (until 6.7; 6.8 stops). */
    public boolean connectPrefersEvenWithSocketRange() {
        return socketPortRange() && !since(6, 8);
    }

    /** The connect walk's step: 1 (both parities in one pass) with a socket range on 6.8+, else 2. */
    public int connectStep(boolean socketRange) {
        return socketRange && !connectPrefersEvenWithSocketRange() ? 1 : 2;
    }

    /** The {@code tcp_tw_reuse_delay} sysctl exists (6.14); before it the delay is a fixed 1000 ms. */
    public boolean twReuseDelaySysctl() {
        return since(6, 14);
    }

    /** bhash2 (6.1). */
    public boolean bhash2() {
        return since(6, 1);
    }

    /** The rules as short lines, for reports. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("Linux " + version + ": TIME-WAIT timer per socket on the timer wheel (4.1+)");
        out.add("IP_BIND_ADDRESS_NO_PORT " + (bindAddressNoPort() ? "yes" : "no") + " (4.2)");
        out.add("perturbation table " + perturbTableSize() + ", " + (randomIncrements()
                ? "random increments (randomised start)" : "increment = walked + step (sequential start)") + " (5.18)");
        out.add("IP_LOCAL_PORT_RANGE " + (socketPortRange() ? "yes" : "no") + " (6.3); with it connect "
                + (socketPortRange() ? (connectPrefersEvenWithSocketRange() ? "prefers even ports" : "walks every port, step 1")
                : "-") + " (6.8)");
        out.add("tcp_tw_reuse_delay " + (twReuseDelaySysctl() ? "sysctl" : "fixed 1000 ms") + " (6.14)");
        return out;
    }
}
