package dev.portbench.trace;

import java.util.List;
import java.util.function.Function;

/**
 * Finds the columns of a text log's required fields in the field names its header gives (AWS VPC
 * flow logs, Zeek's {@code #fields}). O(fields x required) once per header; the answer is a fresh
 * array, nothing else is kept.
 */
final class HeaderColumns {

    private HeaderColumns() {
    }

    /**
     * The column of each of {@code required} in {@code fields}, in the order of {@code required}.
     *
     * @param file the file, for the message
     * @param where the header's place in the file ("line 3"), for the message
     * @param missing what is wrong when a required field is absent: its problem text, given the field
     * @throws TraceFormatException for the first required field {@code fields} lacks, with {@code missing}'s text
     */
    static int[] find(List<String> fields, List<String> required, String file, String where,
                      Function<String, String> missing) {
        int[] col = new int[required.size()];
        for (int i = 0; i < col.length; i++) {
            col[i] = fields.indexOf(required.get(i));
            if (col[i] < 0) {
                throw new TraceFormatException(file, where, missing.apply(required.get(i)));
            }
        }
        return col;
    }
}
