package dev.portbench.trace;

/**
 * Exact conversions between decimal seconds as trace files write them ({@code 1700000000.123456789},
 * {@code -0.5}) and nanoseconds, with no floating-point rounding: a trace written and read back
 * gives the same nanoseconds. O(length), allocation-free when parsing.
 */
final class Seconds {

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private Seconds() {
    }

    /**
     * Nanoseconds of a decimal number of seconds with at most 9 digits after the point.
     *
     * @throws IllegalArgumentException naming the text and what is allowed
     */
    static long parseNanos(CharSequence s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long whole = 0;
        int wholeDigits = 0;
        for (; i < n && s.charAt(i) != '.'; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || whole > MAX_SECONDS / 10) {
                throw bad(s);
            }
            whole = whole * 10 + d;
            wholeDigits++;
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < n) {
            for (i++; i < n; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9 || fractionDigits == 9) {
                    throw bad(s);
                }
                fraction = fraction * 10 + d;
                fractionDigits++;
            }
        }
        if (wholeDigits == 0 && fractionDigits == 0 || whole > MAX_SECONDS) {
            throw bad(s);
        }
        for (int k = fractionDigits; k < 9; k++) {
            fraction *= 10;
        }
        long nanos = whole * 1_000_000_000L + fraction;
        return negative ? -nanos : nanos;
    }

    private static IllegalArgumentException bad(CharSequence s) {
        return new IllegalArgumentException("'" + s + "' (expected seconds as a decimal number with at most 9 digits "
                + "after the point, within +-" + MAX_SECONDS + ")");
    }

    /** The shortest exact decimal of {@code nanos} in seconds: {@code 1.5}, {@code 0.000000001}, {@code -2}. */
    static String format(long nanos) {
        StringBuilder b = new StringBuilder(24);
        if (nanos < 0) {
            b.append('-');
        }
        long abs = Math.abs(nanos);
        b.append(abs / 1_000_000_000L);
        long frac = abs % 1_000_000_000L;
        if (frac != 0) {
            String f = Long.toString(1_000_000_000L + frac).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
        return b.toString();
    }
}
