/**
 * Ephemeral-port allocators with exact or bounded-late TIME-WAIT expiry, behind
 * {@link dev.portbench.allocator.PortAllocator}. No dependencies.
 */
module dev.portbench.allocator {
    exports dev.portbench.allocator;
    exports dev.portbench.allocator.structure to dev.portbench.allocator.variants;
}
