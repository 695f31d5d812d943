package org.spiketime4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code standards as tests. The dependency direction of ARCHITECTURE.md: the maths depends on nothing of ours,
 * the DL4J glue and the losses on the maths, data on nothing, train on all of those, energy counting on the layers and the maths, distributed on
 * train, the command line on anything, and only distributed uses the optional Spark and ParallelWrapper dependencies (checked on the import statements and fully qualified names in code, comments ignored). Javadoc
 * that cannot drift: every {@code {@link}} target and every {@code {@code SomethingTest}} name in src/main
 * resolves ({@link JavadocReferences}). Only the command line prints.
 */
class ArchitectureTest {

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("neuron", Set.of()),
            Map.entry("data", Set.of()),
            Map.entry("plot", Set.of("data")),
            Map.entry("loss", Set.of("neuron")),
            Map.entry("layers", Set.of("neuron", "loss")),
            Map.entry("samediff", Set.of("neuron", "loss")),
            Map.entry("train", Set.of("neuron", "layers", "loss", "data", "plot")),
            Map.entry("energy", Set.of("neuron", "layers")),
            Map.entry("conformance", Set.of("neuron", "layers", "loss", "samediff", "data", "train")),
            Map.entry("bench", Set.of("neuron", "layers", "loss", "data", "train")),
            Map.entry("distributed", Set.of("train")));

    /** The optional dependencies (Spark, ParallelWrapper): only the distributed package may use them. */
    private static final Pattern OPTIONAL = Pattern.compile(
            "\\b(org\\.apache\\.spark|org\\.deeplearning4j\\.spark|org\\.deeplearning4j\\.parallelism|scala)\\.");

    private static final Pattern REFERENCE = Pattern.compile("org\\.spiketime4j\\.([a-z]+)\\.");

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src", "main", "java", "org", "spiketime4j");
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            try (Stream<Path> files = Files.walk(root.resolve(e.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        String target = m.group(1);
                        if (!target.equals(e.getKey()) && !e.getValue().contains(target)) {
                            violations.add(f + " uses " + target);
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path TEST = Path.of("src", "test", "java");

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** @return the project's test-tree classes, simple name to qualified name */
    private static Map<String, String> testClasses() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path f : javaFiles(TEST)) {
            String qualified = TEST.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                    .replaceFirst("\\.java$", "");
            out.put(f.getFileName().toString().replaceFirst("\\.java$", ""), qualified);
        }
        return out;
    }

    @Test
    void javadocReferencesResolve() throws IOException {
        JavadocReferences refs = new JavadocReferences(testClasses());
        List<String> problems = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            problems.addAll(refs.problems(f.getFileName().toString(), Files.readString(f)));
        }
        assertTrue(problems.isEmpty(), problems.size() + " unresolved Javadoc references:\n"
                + String.join("\n", problems));
    }

    /** The checker itself, on a small source: a renamed link target, member or test name is caught. */
    @Test
    void theReferenceCheckerCatchesRenamedTargets() throws IOException {
        String source = """
                package org.spiketime4j.train;

                import org.spiketime4j.loss.TargetCounts;

                /**
                 * Fine: {@link Preset}, {@link Preset#withEpochs(int)}, {@linkplain Preset.Builder#epochs the epochs},
                 * {@link TargetCounts#MNIST}, {@link org.spiketime4j.loss.LossKind#fromName}, {@link String#strip},
                 * {@link #byName}, {@code PresetTest}, {@code PresetTest#toBuilderChangesOnlyWhatItIsTold}.
                 * Broken: {@link Presett}, {@link Preset#withEpoch}, {@link LossKind}, {@code PresettTest},
                 * {@code PresetTest#noSuchTest}, {@link org.spiketime4j.loss.NoSuchLoss}.
                 */
                final class Presets {
                }
                """;
        List<String> problems = new JavadocReferences(testClasses()).problems("Presets.java", source);
        assertEquals(List.of(
                "Presets.java:9: {@link Presett}: no such class",
                "Presets.java:9: {@link Preset#withEpoch}: no such member of org.spiketime4j.train.Preset",
                "Presets.java:9: {@link LossKind}: no such class",
                "Presets.java:10: {@link org.spiketime4j.loss.NoSuchLoss}: no such class",
                "Presets.java:9: {@code PresettTest}: no such test class",
                "Presets.java:10: {@code PresetTest#noSuchTest}: no such test method"), problems);
    }

    private static final Pattern PRINTS = Pattern.compile(
            "System\\s*\\.\\s*(out|err)\\s*\\.\\s*(print|println|printf|format|write|append)\\b|printStackTrace\\s*\\(");

    /** Library code logs through slf4j; only the command line writes to standard output and error. */
    @Test
    void onlyTheCommandLinePrints() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            if (f.startsWith(MAIN.resolve(Path.of("org", "spiketime4j", "cli")))) {
                continue;
            }
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            Matcher m = PRINTS.matcher(code);
            while (m.find()) {
                violations.add(f + ": " + m.group());
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    private static final Pattern UNSEEDED_RAND = Pattern.compile("Nd4j\\.rand[n]?\\(\\s*DataType");

    /**
     * Tests are reproducible: every test method that draws from ND4J's global random generator
     * ({@code Nd4j.rand(DataType, ...)}, {@code Nd4j.randn(DataType, ...)}) seeds it first in the same method.
     */
    @Test
    void testsSeedNd4jRandomness() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : javaFiles(TEST)) {
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            Matcher m = UNSEEDED_RAND.matcher(code);
            while (m.find()) {
                int method = Math.max(code.lastIndexOf("@Test", m.start()), code.lastIndexOf(" static ", m.start()));
                if (!code.substring(Math.max(method, 0), m.start()).contains("Nd4j.getRandom().setSeed(")) {
                    violations.add(f.getFileName() + ": unseeded " + m.group() + " at offset " + m.start());
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    /**
     * Class examples are code a test compiles and runs ({@code DocExamplesTest}), with a pointer in the Javadoc,
     * not {@code <pre>{@code ...}</pre>} blocks that nothing checks.
     */
    @Test
    void examplesAreCodeThatATestRuns() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            if (Files.readString(f).contains("<pre>{@code")) {
                violations.add(f + ": move the example into DocExamplesTest and point to it");
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void onlyDistributedUsesTheOptionalDependencies() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = MAIN.resolve(Path.of("org", "spiketime4j"));
        for (Path f : javaFiles(root)) {
            if (f.startsWith(root.resolve("distributed"))) {
                continue;
            }
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            Matcher m = OPTIONAL.matcher(code);
            if (m.find()) {
                violations.add(f + " uses " + m.group(1));
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
