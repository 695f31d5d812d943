package org.spiketime4j.conformance;

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
 * {@code spiketime.conformance.dir} (several, separated by the path separator), through the DL4J engine.
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
    Stream<DynamicTest> everyCasePasses() {
        ConformanceSuite suite = ConformanceSuite.forEngine(Engine.DL4J);
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.kind() + " " + c.name(), () -> {
            ConformanceSuite.Outcome o = suite.run(c);
            assertTrue(o.passed(), o.line());
        }));
    }
}
