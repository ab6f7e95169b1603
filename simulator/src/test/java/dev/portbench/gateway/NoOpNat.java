package dev.portbench.gateway;

import dev.portbench.nat.CloseKind;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatFailure;
import dev.portbench.nat.TimerState;

/**
 * A stand-in NAT that maps every flow to pair 0 and keeps nothing: {@link GatewaySimulator} on it
 * costs only the simulator's own work (arrivals, the event heap, closes, bookkeeping), the floor
 * {@link GatewayThroughput} sets beside a real allocator. Not a NAT: never use it for answers.
 */
final class NoOpNat extends StandInNat {

    NoOpNat(NatConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "no-op";
    }

    @Override
    public String description() {
        return "maps every flow to pair 0, keeps nothing (the simulator's floor)";
    }

    @Override
    public long map(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol,
                    long now) {
        return 0;
    }

    @Override
    public long lookup(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol,
                       long now) {
        return 0;
    }

    @Override
    public TimerState timerState(int internalAddress, int internalPort, int destinationAddress, int destinationPort,
                                 int protocol, long now) {
        return null;
    }

    @Override
    public void close(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol,
                      CloseKind kind, long now) {
        // nothing kept, nothing to close
    }

    @Override
    public int expire(long now) {
        return 0;
    }

    @Override
    public long nextExpiryTime() {
        return Long.MAX_VALUE;
    }

    @Override
    public int liveMappings() {
        return 0;
    }

    @Override
    public int liveMappings(TimerState state) {
        return 0;
    }

    @Override
    public int activeHosts() {
        return 0;
    }

    @Override
    public long mappingsCreated() {
        return 0;
    }

    @Override
    public long failures(NatFailure failure) {
        return 0;
    }
}
