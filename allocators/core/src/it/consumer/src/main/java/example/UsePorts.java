package example;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;

import java.io.File;
import java.time.Duration;
import java.util.List;

/** A user of the core: nothing but the core on the class path, and every core allocator works. */
public final class UsePorts {

    public static void main(String[] args) {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        check(classPath.size() == 2 && classPath.get(0).endsWith("classes")
                        && classPath.get(1).matches(".*port-allocators-[^" + File.separator + "]*\\.jar"),
                "the class path is this project's classes and the port-allocators jar, nothing else: " + classPath);
        for (AllocatorType type : AllocatorType.values()) {
            PortAllocator ports = type.create(AllocatorConfig.builder()
                    .portRange(49152, 49161)
                    .timeWait(Duration.ofSeconds(60))
                    .build());
            long now = 0;
            int port = ports.allocate(now);
            check(port >= 49152 && port <= 49161, type + " handed out " + port);
            ports.release(port, now);
            check(ports.timeWaitCount() == 1, type + ": the released port is in TIME-WAIT");
            long free = ports.nextExpiryTime();
            check(free >= Duration.ofSeconds(60).toNanos(), type + ": free at " + free + ", not before the TIME-WAIT ends");
            check(ports.expire(free) == 1 && ports.freeCount() == 10, type + ": free again at " + free);
        }
        System.out.println("port-allocators alone: " + AllocatorType.values().length + " allocators work");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
