package dev.portbench.workload;

/**
 * The target of the harness baseline ({@link TraceReplayer#walkOnly}): an open "gets" its
 * connection's number, a close and a reclaim do nothing. What remains of a replayed event's cost
 * is the replay itself.
 */
enum NoTarget implements ReplayTarget {
    INSTANCE;

    @Override
    public int open(long now, int connection) {
        return connection;
    }

    @Override
    public void close(int port, int connection, long now) {
    }

    @Override
    public boolean reclaim(int port, int connection, long now) {
        return false;
    }
}
