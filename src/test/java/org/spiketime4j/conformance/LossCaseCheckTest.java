package org.spiketime4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled {@code loss} case passes through {@link LossCaseCheck}. */
class LossCaseCheckTest {

    static Stream<ConformanceCase> lossCases() {
        return ConformanceSuite.bundledCases().stream().filter(c -> c.kind().equals("loss"));
    }

    @Test
    void everyLossOfTheSuiteHasTwoBundledCases() {
        List<String> names = lossCases().map(ConformanceCase::name).toList();
        assertEquals(16, names.size(), names.toString());
        for (String loss : List.of("count", "countplus", "count0", "kernel", "TET", "CEplus", "timing", "TTFS")) {
            assertTrue(names.contains("loss_" + loss + "_0") && names.contains("loss_" + loss + "_1"), loss);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossCases")
    void passes(ConformanceCase testCase) {
        ConformanceSuite.Outcome outcome = ConformanceSuite.forEngine(Engine.DL4J).run(testCase);
        assertTrue(outcome.passed(), outcome.line());
    }
}
