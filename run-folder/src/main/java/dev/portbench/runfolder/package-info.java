/**
 * The files of a run folder, one Jackson record per file: {@link dev.portbench.runfolder.EnvironmentFile},
 * {@link dev.portbench.runfolder.FootprintFile}, {@link dev.portbench.runfolder.SimulationFile},
 * {@link dev.portbench.runfolder.SelectionFile}, {@link dev.portbench.runfolder.StacksFile}, and JMH's own result file read as
 * {@link dev.portbench.runfolder.JmhResultFile}. {@link dev.portbench.runfolder.RunFiles} writes and
 * reads them, checking each file's format version ({@code schema}): a file of another version, an
 * unknown field or a value of the wrong type is rejected with a message naming the file and the
 * problem. Records are written with their properties in alphabetical order, as the format has
 * always been, so a record's field order in Java does not change the bytes.
 *
 * <p>Adding a field: add the record component (nullable if older files lack it; they are then read
 * with {@code null}); renaming or removing one, or changing its meaning: raise the record's
 * {@code SCHEMA}, and older run folders are rejected with a message saying which version wrote them.
 */
package dev.portbench.runfolder;
