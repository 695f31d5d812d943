package org.spiketime4j.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds conformance cases (bundled and on disk) and runs each through the check for its kind.
 *
 * <p>Example: {@code DocExamplesTest#conformanceSuite}.
 */
public final class ConformanceSuite {

    /** The result of one case. */
    public record Outcome(ConformanceCase testCase, boolean passed, List<String> messages) {
        /** @return one line: PASS or FAIL, the kind, the name and the first message */
        public String line() {
            String head = (passed ? "PASS " : "FAIL ") + testCase.kind() + " " + testCase.name();
            return messages.isEmpty() ? head : head + ": " + String.join("; ", messages);
        }
    }

    private final Engine engine;
    private final Map<String, CaseCheck> checks = new LinkedHashMap<>();

    private ConformanceSuite(Engine engine, List<CaseCheck> checkList) {
        this.engine = engine;
        for (CaseCheck c : checkList) {
            checks.put(c.kind(), c);
        }
    }

    /**
     * @param engine the implementation to exercise
     * @return a suite with every check that engine supports
     */
    public static ConformanceSuite forEngine(Engine engine) {
        return new ConformanceSuite(engine, CheckRegistry.checks(engine));
    }

    /** @return the kinds this suite can check */
    public List<String> supportedKinds() {
        return List.copyOf(checks.keySet());
    }

    /**
     * Runs one case. An unsupported kind and an exception both count as a failure.
     *
     * @param testCase the case
     * @return its outcome
     */
    public Outcome run(ConformanceCase testCase) {
        CaseCheck check = checks.get(testCase.kind());
        if (check == null) {
            return new Outcome(testCase, false, List.of("kind '" + testCase.kind() + "' is not supported by the "
                    + engine.name().toLowerCase() + " engine (supported: " + String.join(", ", checks.keySet()) + ")"));
        }
        Comparison cmp = new Comparison();
        try {
            check.check(testCase, cmp);
        } catch (RuntimeException e) {
            cmp.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Outcome(testCase, cmp.passed(), cmp.failures());
    }

    /** @return the cases bundled with the library, in name order */
    public static List<ConformanceCase> bundledCases() {
        List<ConformanceCase> out = new ArrayList<>();
        try (InputStream in = ConformanceSuite.class.getResourceAsStream("/conformance/index.txt")) {
            if (in == null) {
                throw new IllegalStateException("bundled conformance index /conformance/index.txt is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(ConformanceCase.bundled(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Finds every case folder (a folder with {@code case.json}) at or below a directory.
     *
     * @param dir a case folder or a folder of case folders
     * @return the cases, in path order
     * @throws IllegalArgumentException if {@code dir} is not a directory, holds no case, or a folder below it
     *         holds {@code .npy} arrays but no {@code case.json} (a case that would otherwise be skipped silently)
     */
    public static List<ConformanceCase> casesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory of conformance cases");
        }
        List<Path> folders;
        try (Stream<Path> all = Files.walk(dir)) {
            folders = all.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (Path f : folders) {
            if (Files.isRegularFile(f.resolve("case.json"))) {
                cases.add(ConformanceCase.fromDirectory(f));
            } else if (holdsArrays(f)) {
                throw new IllegalArgumentException(f + ": holds .npy arrays but no case.json, so it is not a "
                        + "conformance case");
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no conformance case (no folder with case.json at or below it)");
        }
        return cases;
    }

    private static boolean holdsArrays(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".npy"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
