package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run of the {@code linux-masquerade} check ({@link MasqueradeRunner}): a client namespace
 * behind a NAT namespace whose nftables rule masquerades TCP to ports {@code rangeLow..rangeHigh},
 * in front of a server namespace with {@code destinations} addresses. The client first opens
 * {@code held} connections at {@code heldRate} per second and holds them to the end, then opens
 * {@code churn} connections at {@code churnRate} per second, each closed ({@code churnClose}: a FIN,
 * or an RST by {@code SO_LINGER} 0) {@code churnHoldMillis} after it was established. Attempt
 * {@code i} of a phase goes to destination {@code i mod destinations}. The client's
 * {@code tcp_syn_retries} and {@code tcp_syn_linear_timeouts} are set in its namespace (so a
 * failing connect ends after {@link #giveUpSeconds}); conntrack's TIME_WAIT and CLOSE timeouts are
 * set in the NAT namespace when above 0, else left at the kernel's defaults (120 s and 10 s).
 *
 * @param id the scenario's name, also its folder
 * @param description one line for the summary
 * @param rangeLow first NAT port
 * @param rangeHigh last NAT port
 * @param destinations server addresses (192.168.77.10 and up), 1..16
 * @param held connections held to the end, 0..5000
 * @param heldRate their opening rate per second
 * @param churn connections opened and closed, 0..5000
 * @param churnRate their opening rate per second
 * @param churnHoldMillis how long each is held once established
 * @param churnClose {@code fin} or {@code rst}
 * @param synRetries the client's {@code tcp_syn_retries}, 1..6
 * @param synLinearTimeouts the client's {@code tcp_syn_linear_timeouts}, 0..synRetries
 * @param timeWaitSeconds conntrack's {@code nf_conntrack_tcp_timeout_time_wait}; 0 leaves the kernel's
 * @param closeSeconds conntrack's {@code nf_conntrack_tcp_timeout_close}; 0 leaves the kernel's
 */
@JsonPropertyOrder({"id", "description", "rangeLow", "rangeHigh", "destinations", "held", "heldRate", "churn", "churnRate",
        "churnHoldMillis", "churnClose", "synRetries", "synLinearTimeouts", "timeWaitSeconds", "closeSeconds"})
public record MasqueradeScenario(String id, String description, int rangeLow, int rangeHigh, int destinations, int held,
                                 double heldRate, int churn, double churnRate, int churnHoldMillis, String churnClose,
                                 int synRetries, int synLinearTimeouts, int timeWaitSeconds, int closeSeconds) {

    /** The server's port on every destination address. */
    public static final int SERVER_PORT = 8080;
    /** The most connections of one phase. */
    public static final int MAX_CONNECTIONS = 5000;
    /** The client's own ephemeral range: outside every scenario's NAT range, so netfilter never keeps a source port. */
    public static final String CLIENT_PORT_RANGE = "50000 60999";
    /** The pause between the held phase and the churn, in seconds. */
    static final double PHASE_GAP_SECONDS = 0.5;

    /** One planned connection attempt. */
    public record Attempt(int index, long offsetNanos, int destination, long holdNanos, boolean reset) {
        /** Whether the connection is held to the end of the run. */
        public boolean held() {
            return holdNanos < 0;
        }
    }

    public MasqueradeScenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(churnClose, "churnClose");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("id: '" + id + "' (expected: lower case letters, digits and dashes)");
        }
        if (rangeLow < 1024 || rangeHigh > 49_999 || rangeHigh < rangeLow) {
            throw new IllegalArgumentException("range: " + rangeLow + "-" + rangeHigh
                    + " (expected 1024 <= low <= high <= 49999: below the client's own range " + CLIENT_PORT_RANGE + ")");
        }
        check("destinations", destinations, 1, 16);
        check("held", held, 0, MAX_CONNECTIONS);
        check("churn", churn, 0, MAX_CONNECTIONS);
        if (held + churn == 0) {
            throw new IllegalArgumentException("held + churn: 0 (expected at least one connection)");
        }
        rate("heldRate", heldRate, held);
        rate("churnRate", churnRate, churn);
        check("churnHoldMillis", churnHoldMillis, 0, 60_000);
        if (!churnClose.equals("fin") && !churnClose.equals("rst")) {
            throw new IllegalArgumentException("churnClose: '" + churnClose + "' (expected fin or rst)");
        }
        check("synRetries", synRetries, 1, 6);
        check("synLinearTimeouts", synLinearTimeouts, 0, synRetries);
        check("timeWaitSeconds", timeWaitSeconds, 0, 600);
        check("closeSeconds", closeSeconds, 0, 600);
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + ".." + max + ")");
        }
    }

    private static void rate(String name, double v, int count) {
        if (count > 0 && !(v >= 0.1 && v <= 1000)) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: 0.1..1000 per second)");
        }
    }

    /** The client's SYN schedule as the simulator names it ({@code linux:R:L}). */
    @JsonIgnore
    public String synSchedule() {
        return "linux:" + synRetries + ":" + synLinearTimeouts;
    }

    /** From the first SYN to connect() failing: 1 s per linear timeout, then doubling. */
    @JsonIgnore
    public double giveUpSeconds() {
        return dev.portbench.gateway.SynSchedule.byId(synSchedule()).giveUpNanos() / 1e9;
    }

    /** Every attempt, in order of its planned start. */
    @JsonIgnore
    public List<Attempt> plan() {
        List<Attempt> a = new ArrayList<>(held + churn);
        for (int i = 0; i < held; i++) {
            a.add(new Attempt(i, Math.round(i / heldRate * 1e9), i % destinations, -1, false));
        }
        double churnStart = held == 0 ? 0 : held / heldRate + PHASE_GAP_SECONDS;
        for (int j = 0; j < churn; j++) {
            a.add(new Attempt(held + j, Math.round((churnStart + j / churnRate) * 1e9), j % destinations,
                    churnHoldMillis * 1_000_000L, churnClose.equals("rst")));
        }
        return a;
    }

    /** When the last attempt has surely resolved (its start, its give-up time, its holding time, 1 s spare). */
    @JsonIgnore
    public double attemptsEndSeconds() {
        List<Attempt> p = plan();
        return p.get(p.size() - 1).offsetNanos() / 1e9 + giveUpSeconds() + churnHoldMillis / 1e3 + 1;
    }
}
