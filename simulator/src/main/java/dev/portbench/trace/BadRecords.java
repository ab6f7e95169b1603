package dev.portbench.trace;

/**
 * What an import does with a malformed record: by default refuses the file with a
 * {@link TraceFormatException} naming the file, the line (or record) and the field; with
 * {@code --skip-bad} ({@code skip}) counts the record and goes on, and the count appears in
 * {@link ImportStats#malformed()}. O(1) per record. Not thread-safe.
 */
final class BadRecords {

    private final String name;
    private final boolean skip;
    private long count;

    BadRecords(String name, boolean skip) {
        this.name = name;
        this.skip = skip;
    }

    /**
     * Record at {@code where} is malformed because of {@code problem}: throws, or counts it when skipping.
     *
     * @throws TraceFormatException unless skipping
     */
    void reject(String where, String problem) {
        if (!skip) {
            throw new TraceFormatException(name, where, problem + " (or pass --skip-bad to count and skip such records)");
        }
        count++;
    }

    long count() {
        return count;
    }
}
