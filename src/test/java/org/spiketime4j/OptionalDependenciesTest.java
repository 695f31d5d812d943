package org.spiketime4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * picocli, XChart and slf4j-simple are optional dependencies (a project that depends on SpikeTime4j does not get
 * them), so only the packages that need them may name them: a class elsewhere that did would fail to load in such a
 * project. Checked on the code of every main source file (comments ignored); {@code src/it/consumer} checks the same
 * from outside, by loading every class of the jar without them.
 */
class OptionalDependenciesTest {

    /** Package prefix of each optional library, and the only source files allowed to name it. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "picocli.", List.of("cli/"),
            // TrainingRun names XChart only to check by name whether it is on the class path
            "org.knowm.xchart.", List.of("plot/", "train/TrainingRun.java"),
            "org.slf4j.impl.", List.of(),
            "org.slf4j.simple", List.of(),
            // the one use of the plot package outside it is guarded by a check that XChart is on the class path
            "org.spiketime4j.plot.", List.of("plot/", "cli/", "train/TrainingRun.java"));

    @Test
    void optionalLibrariesAreNamedOnlyWhereTheyAreNeeded() throws IOException {
        Path root = Path.of("src", "main", "java", "org", "spiketime4j");
        TreeSet<String> violations = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(f).toString().replace('\\', '/');
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                ALLOWED.forEach((prefix, allowed) -> {
                    if (code.contains(prefix) && allowed.stream().noneMatch(relative::startsWith)) {
                        violations.add(relative + " names " + prefix);
                    }
                });
            }
        }
        assertEquals(new TreeSet<>(), violations);
    }
}
