package dev.portbench.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kernel and model outages compared one by one, per destination: for each destination the
 * outages of its own attempts (a maximal run of failed attempts to it, ended by its next success),
 * paired in time order. The calibration asks for the same number of outages and, pair by pair,
 * starts and ends (recoveries) within a tolerance. Per destination, because a client whose
 * destinations run dry at different times (uneven weights) alternates successes and failures, and
 * a client-wide outage would split at every success to another destination. O(attempts).
 *
 * @param kernelCount kernel outages over every destination
 * @param modelCount model outages over every destination
 * @param worstStartSeconds largest |start difference| over the pairs, NaN without pairs
 * @param worstEndSeconds largest |end difference| over the pairs, NaN without pairs
 * @param mismatches the first {@link #KEPT} pairs (or unpaired outages) beyond the tolerance, in words
 */
public record OutageMatch(int kernelCount, int modelCount, double worstStartSeconds, double worstEndSeconds,
                          List<String> mismatches) {

    /** Mismatches kept in words. */
    public static final int KEPT = 12;

    /** The match of {@code kernelOk} and {@code modelOk} for attempts at {@code times} to {@code destination}. */
    public static OutageMatch of(long[] times, int[] destination, int destinations, boolean[] kernelOk, boolean[] modelOk,
                                 long origin, double tolerance) {
        int kc = 0;
        int mc = 0;
        double worstStart = Double.NaN;
        double worstEnd = Double.NaN;
        List<String> mismatches = new ArrayList<>();
        for (int d = 0; d < destinations; d++) {
            int n = 0;
            for (int x : destination) {
                n += x == d ? 1 : 0;
            }
            long[] t = new long[n];
            boolean[] k = new boolean[n];
            boolean[] m = new boolean[n];
            int j = 0;
            for (int i = 0; i < times.length; i++) {
                if (destination[i] == d) {
                    t[j] = times[i];
                    k[j] = kernelOk[i];
                    m[j] = modelOk[i];
                    j++;
                }
            }
            int[] zero = new int[n];
            List<OutcomeMetrics.Outage> ko = OutcomeMetrics.outages(t, zero, 1, k, origin);
            List<OutcomeMetrics.Outage> mo = OutcomeMetrics.outages(t, zero, 1, m, origin);
            kc += ko.size();
            mc += mo.size();
            int pairs = Math.min(ko.size(), mo.size());
            for (int i = 0; i < pairs; i++) {
                OutcomeMetrics.Outage a = ko.get(i);
                OutcomeMetrics.Outage b = mo.get(i);
                double ds = Math.abs(a.startSeconds() - b.startSeconds());
                double de = Math.abs(a.endSeconds() - b.endSeconds());
                worstStart = Double.isNaN(worstStart) ? ds : Math.max(worstStart, ds);
                worstEnd = Double.isNaN(worstEnd) ? de : Math.max(worstEnd, de);
                if ((ds > tolerance || de > tolerance) && mismatches.size() < KEPT) {
                    mismatches.add(String.format(Locale.ROOT,
                            "destination %d, outage %d: kernel %.3f-%.3f s (%d failed), model %.3f-%.3f s (%d failed)",
                            d, i + 1, a.startSeconds(), a.endSeconds(), a.failed(), b.startSeconds(), b.endSeconds(),
                            b.failed()));
                }
            }
            for (int i = pairs; i < Math.max(ko.size(), mo.size()) && mismatches.size() < KEPT; i++) {
                OutcomeMetrics.Outage o = i < ko.size() ? ko.get(i) : mo.get(i);
                mismatches.add(String.format(Locale.ROOT, "destination %d, outage %d only in the %s: %.3f-%.3f s (%d failed)",
                        d, i + 1, i < ko.size() ? "kernel" : "model", o.startSeconds(), o.endSeconds(), o.failed()));
            }
        }
        return new OutageMatch(kc, mc, worstStart, worstEnd, List.copyOf(mismatches));
    }
}
