package dev.portbench.calibration;

/**
 * One sysctl as the namespace child set it: the value it wrote (null when it only read it) and
 * the value it read back afterwards.
 *
 * @param name e.g. {@code net.ipv4.ip_local_port_range}
 * @param written what was written, or null
 * @param readBack what {@code /proc/sys} said after the write
 */
public record SysctlSetting(String name, String written, String readBack) {
}
