package dev.portbench.runfolder;

import java.util.List;
import java.util.Map;

/**
 * A JVM as the footprint probe saw it from inside: the one the benchmarks fork. Fields a probe
 * could not read are {@code null}.
 *
 * @param vendor {@code java.vendor}
 * @param version {@code java.version}
 * @param runtime {@code java.runtime.version}
 * @param vmName {@code java.vm.name}
 * @param vmVersion {@code java.vm.version}
 * @param home {@code java.home}
 * @param inputArguments the JVM's command-line options
 * @param garbageCollectors the collectors' names
 * @param maxHeapBytes {@code Runtime.maxMemory()}
 * @param flags selected HotSpot flags and their values (layout and GC choice)
 */
public record JvmDescription(String vendor, String version, String runtime, String vmName, String vmVersion, String home,
                             List<String> inputArguments, List<String> garbageCollectors, Long maxHeapBytes,
                             Map<String, String> flags) {
}
