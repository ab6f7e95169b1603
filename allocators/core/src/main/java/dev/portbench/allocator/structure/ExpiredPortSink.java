package dev.portbench.allocator.structure;

/** Receives the offsets a {@link TimeWaitQueue} frees; implemented by the owning allocator. */
public interface ExpiredPortSink {

    /** The TIME-WAIT of {@code offset} has ended: the port is free. */
    void expired(int offset);
}
