package org.spiketime4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of ARCHITECTURE.md: the maths depends on nothing of ours, the DL4J glue
 * and the losses on the maths, data on nothing, train on all of those, energy counting on the layers and the maths,
 * the command line on anything.
 * Checked on the import statements and fully qualified names in code (comments are ignored).
 */
class ArchitectureTest {

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "neuron", Set.of(),
            "data", Set.of(),
            "plot", Set.of("data"),
            "loss", Set.of("neuron"),
            "layers", Set.of("neuron", "loss"),
            "samediff", Set.of("neuron", "loss"),
            "train", Set.of("neuron", "layers", "loss", "data", "plot"),
            "energy", Set.of("neuron", "layers"),
            "conformance", Set.of("neuron", "layers", "loss", "samediff", "data", "train"),
            "bench", Set.of("neuron", "layers", "loss", "data", "train"));

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
}
