package dev.portbench.trace;

/**
 * A trace file that cannot be imported whole: the message names the file, where in it (line,
 * packet or byte offset) and what is wrong. Nothing of a file that raised it is used: an import
 * either returns the whole trace or throws.
 */
public final class TraceFormatException extends IllegalArgumentException {

    private final String file;
    private final String where;
    private final String problem;

    /**
     * @param file the file, as the user named it
     * @param where the place in it ("line 12", "packet 4031 at byte 1048576"), or null for the whole file
     * @param problem what is wrong and what was expected
     */
    public TraceFormatException(String file, String where, String problem) {
        super(file + (where == null ? "" : ", " + where) + ": " + problem);
        this.file = file;
        this.where = where;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The line, packet or offset, or null. */
    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
