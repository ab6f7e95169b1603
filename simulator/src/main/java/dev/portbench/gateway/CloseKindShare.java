package dev.portbench.gateway;

/**
 * How held connections end: the share closed by FIN, by RST, and left idle until the gateway's
 * idle timeout. The shares are non-negative and add up to 1 (within 1e-9).
 *
 * @param fin the share closed by a FIN exchange (the gateway keeps the mapping {@code finSeconds})
 * @param rst the share closed by RST (kept {@code rstSeconds})
 * @param idle the share abandoned: the mapping lives {@code idleSeconds} after the last packet
 */
public record CloseKindShare(double fin, double rst, double idle) {

    /** Every connection closed by FIN. */
    public static final CloseKindShare ALL_FIN = new CloseKindShare(1, 0, 0);

    public CloseKindShare {
        if (!(fin >= 0 && rst >= 0 && idle >= 0) || Math.abs(fin + rst + idle - 1) > 1e-9) {
            throw new IllegalArgumentException("close mix: fin " + fin + ", rst " + rst + ", idle " + idle
                    + " (expected: shares >= 0 adding up to 1)");
        }
    }

    /**
     * Parses {@code fin=0.9,rst=0.05,idle=0.05} (missing kinds are 0).
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static CloseKindShare parse(String text) {
        double f = 0;
        double r = 0;
        double i = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("close mix: '" + part + "' (expected fin=F,rst=R,idle=I)");
            }
            double v;
            try {
                v = Double.parseDouble(kv[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("close mix: '" + part + "' (expected a number after '=')", e);
            }
            switch (kv[0]) {
                case "fin" -> f = v;
                case "rst" -> r = v;
                case "idle" -> i = v;
                default -> throw new IllegalArgumentException("close mix: '" + kv[0] + "' (expected fin, rst or idle)");
            }
        }
        return new CloseKindShare(f, r, i);
    }
}
