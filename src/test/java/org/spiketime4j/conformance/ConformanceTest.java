package org.spiketime4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled conformance case, plus every case under the folders named by the system property
 * {@code spiketime.conformance.dir} (several, separated by the path separator), through both engines.
 */
class ConformanceTest {

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>(ConformanceSuite.bundledCases());
        String extra = System.getProperty("spiketime.conformance.dir");
        if (extra != null && !extra.isBlank()) {
            for (String dir : extra.split(File.pathSeparator)) {
                cases.addAll(ConformanceSuite.casesUnder(Path.of(dir)));
            }
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyCasePassesOnTheDl4jEngine() {
        return tests(Engine.DL4J);
    }

    /**
     * The SameDiff engine runs every case of the kinds it implements (layers, pooling, losses); threshold
     * initialisation and the training loop exist only in the DL4J engine (as {@code verify --engine samediff}).
     */
    @TestFactory
    Stream<DynamicTest> everyCasePassesOnTheSameDiffEngine() {
        ConformanceSuite suite = ConformanceSuite.forEngine(Engine.SAMEDIFF);
        assertEquals(java.util.Set.of("dense", "conv", "pool", "loss"), java.util.Set.copyOf(suite.supportedKinds()));
        return tests(Engine.SAMEDIFF);
    }

    private static Stream<DynamicTest> tests(Engine engine) {
        ConformanceSuite suite = ConformanceSuite.forEngine(engine);
        return cases().stream().filter(c -> suite.supportedKinds().contains(c.kind()))
                .map(c -> DynamicTest.dynamicTest(engine + " " + c.kind() + " " + c.name(), () -> {
                    ConformanceSuite.Outcome o = suite.run(c);
                    assertTrue(o.passed(), o.line());
                }));
    }
}
