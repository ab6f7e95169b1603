package dev.portbench.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ./portbench} command in the README, CONTRIBUTING.md and {@code docs/} code blocks parses as the CLI
 * reads it (every option exists, every value converts), and the cheap ones run to a zero exit status from the
 * project's root. Long ones ({@code run}, {@code calibrate}, {@code threads}, ...) are parsed only: the smoke test and
 * their own tests run them at smoke size.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Commands that finish in seconds on the committed data: run for real. */
    private static final Set<String> RUN_FOR_REAL = Set.of("list", "simulate", "gateway", "agreement");

    /** One documented command: where it stands, and its words. */
    record Documented(Path file, int line, List<String> words) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line + ": ./portbench " + String.join(" ", words);
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<Documented> commands() throws IOException {
        List<Documented> out = new ArrayList<>();
        for (Path file : documents()) {
            List<String> lines = Files.readAllLines(file);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                int at = line.indexOf("./portbench ");
                if (!inCode || at < 0 || (at > 0 && !line.startsWith("flock "))) {
                    continue;
                }
                String command = withoutComment(line.substring(at + "./portbench ".length()));
                List<String> words = new ArrayList<>(words(command));
                words.remove("--no-build");
                out.add(new Documented(file, i + 1, words));
            }
        }
        return out;
    }

    /** Drops a shell comment: a {@code #} after white space, outside quotes. */
    static String withoutComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
                return s.substring(0, i).trim();
            }
        }
        return s.trim();
    }

    /** Splits as a shell splits words, for the quoting the docs use (single and double quotes, no escapes). */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + s);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A word that stands for a file of the reader's (a placeholder such as {@code my.pcap} where it does not exist). */
    static boolean namesAFile(String word) {
        return !word.startsWith("-") && word.matches(".*\\.(log|pcap|pcapng|csv|gz|json|txt)");
    }

    @Test
    void theSplitterReadsQuotesAndComments() {
        assertEquals(List.of("run", "--workloads", "a b", "x"), words("run --workloads 'a b' x"));
        assertEquals("simulate --rate 20", withoutComment("simulate --rate 20   # a note"));
        assertEquals("trace 'a # b'", withoutComment("trace 'a # b'"));
    }

    @Test
    void theDocumentsHoldCommands() throws IOException {
        List<Documented> all = commands();
        assertFalse(all.isEmpty());
        assertTrue(all.stream().anyMatch(d -> d.file().endsWith("README.md") && d.words().get(0).equals("run")), all.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandParses() throws IOException {
        return commands().stream().map(d -> DynamicTest.dynamicTest(d.toString(), () -> {
            CommandLine cl = PortBench.commandLine();
            ParseResult parsed;
            try {
                parsed = cl.parseArgs(d.words().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(d + ": " + e.getMessage(), e);
            }
            assertTrue(parsed.hasSubcommand(), d.toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> theCheapDocumentedCommandsRun() throws IOException {
        return commands().stream().filter(d -> RUN_FOR_REAL.contains(d.words().get(0)) && !d.words().contains("--find")
                        && d.words().stream().filter(DocumentedCommandsTest::namesAFile).allMatch(w -> Files.exists(ROOT.resolve(w))))
                .map(d -> DynamicTest.dynamicTest(d.toString(), () -> {
                    List<String> args = new ArrayList<>(List.of("--root", ROOT.toString()));
                    for (String w : d.words()) {
                        Path inRoot = ROOT.resolve(w);
                        args.add(!w.startsWith("-") && w.contains("/") && Files.exists(inRoot) ? inRoot.toString() : w);
                    }
                    CommandLine cl = PortBench.commandLine();
                    StringWriter err = new StringWriter();
                    cl.setErr(new PrintWriter(err, true));
                    int status = cl.execute(args.toArray(String[]::new));
                    assertEquals(0, status, d + "\n" + err);
                    assertFalse(err.toString().contains("portbench:"), d + "\n" + err);
                }));
    }
}
