package dev.portbench.stack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux release as major.minor (the patch level and vendor suffix are ignored: the rules this
 * project models change at minor releases). Parses {@code uname -r} forms such as
 * {@code 6.18.44-fc-v1272} or {@code 5.15.0-91-generic}; {@code "0"} is "any kernel". O(1).
 *
 * @param major major version
 * @param minor minor version
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {

    private static final Pattern RELEASE = Pattern.compile("(\\d{1,3})(?:\\.(\\d{1,3}))?.*");

    public KernelVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("kernel version " + major + "." + minor + " (expected non-negative numbers)");
        }
    }

    /**
     * The version at the start of {@code release}.
     *
     * @throws IllegalArgumentException naming the text when it does not start with a number
     */
    public static KernelVersion parse(String release) {
        Matcher m = release == null ? null : RELEASE.matcher(release.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("kernel release '" + release + "' (expected MAJOR.MINOR..., e.g. 6.18.44)");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** Whether this version is {@code other} or later. */
    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
