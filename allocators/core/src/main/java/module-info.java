/**
 * Ephemeral-port allocators with exact or bounded-late TIME-WAIT expiry, behind
 * {@link dev.portbench.allocator.PortAllocator}. No dependencies.
 *
 * <p>Only {@code dev.portbench.allocator} is exported. The structures package is exported to
 * the library variants ({@code port-allocators-variants}, the automatic module named below), so
 * that they compose their own structures with the core's; it is not part of the API. That module
 * is not on the core's module path when the core is compiled, hence the suppressed
 * {@code module} lint warning ("module not found"): the qualified export is deliberate.
 */
@SuppressWarnings("module")
module dev.portbench.allocator {
    exports dev.portbench.allocator;
    exports dev.portbench.allocator.structure to dev.portbench.allocator.variants;
}
