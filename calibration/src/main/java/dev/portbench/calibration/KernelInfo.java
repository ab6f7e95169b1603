package dev.portbench.calibration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's release and its {@code CONFIG_HZ}, read from {@code /proc/config.gz} or
 * {@code /boot/config-RELEASE} when either exists (otherwise {@code calibrate} infers HZ from the
 * measured TIME-WAIT batch spacing, see {@link TimerWheel#inferHz}).
 *
 * @param release {@code /proc/sys/kernel/osrelease}
 * @param hz CONFIG_HZ, or 0 when no config file could be read
 * @param hzSource where {@code hz} came from
 */
public record KernelInfo(String release, int hz, String hzSource) {

    /** Reads this machine's kernel. */
    public static KernelInfo current() {
        String release = System.getProperty("os.version");
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            // keep the JVM's idea
        }
        for (Path config : new Path[] {Path.of("/proc/config.gz"), Path.of("/boot/config-" + release)}) {
            try {
                String text = read(config);
                int hz = parseHz(text);
                if (hz > 0) {
                    return new KernelInfo(release, hz, "CONFIG_HZ in " + config);
                }
            } catch (IOException | IllegalArgumentException e) {
                // try the next one
            }
        }
        return new KernelInfo(release, 0, "no kernel config file readable");
    }

    private static String read(Path config) throws IOException {
        try (InputStream raw = Files.newInputStream(config);
             InputStream in = config.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** {@code CONFIG_HZ=N} in a kernel config text, or 0 when absent. */
    static int parseHz(String config) {
        for (String line : config.split("\n")) {
            if (line.startsWith("CONFIG_HZ=")) {
                try {
                    return Integer.parseInt(line.substring("CONFIG_HZ=".length()).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("kernel config line '" + line + "' (expected CONFIG_HZ=<number>)", e);
                }
            }
        }
        return 0;
    }
}
