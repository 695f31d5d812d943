package org.spiketime4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spiketime4j.conformance.ConformanceCase;
import org.spiketime4j.conformance.ConformanceSuite;
import org.spiketime4j.conformance.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spiketime verify [--engine E] [DIR...]}: runs the bundled conformance cases and those under each DIR. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the implementation against reference conformance cases (bundled, plus every case folder under each DIR).")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--engine", description = "dl4j or samediff (default: ${DEFAULT-VALUE})", defaultValue = "dl4j")
    String engine;

    @Option(names = "--no-bundled", description = "skip the cases bundled with the library")
    boolean noBundled;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders holding case folders (each with case.json)")
    List<Path> dirs = new ArrayList<>();

    @Override
    public Integer call() {
        Engine e = switch (engine.toLowerCase()) {
            case "dl4j" -> Engine.DL4J;
            case "samediff" -> Engine.SAMEDIFF;
            default -> throw new IllegalArgumentException("--engine must be dl4j or samediff, got '" + engine + "'");
        };
        ConformanceSuite suite = ConformanceSuite.forEngine(e);
        List<ConformanceCase> cases = new ArrayList<>();
        if (!noBundled) {
            // bundled cases of kinds this engine does not implement are skipped; cases from DIRs never are
            List<ConformanceCase> bundled = ConformanceSuite.bundledCases();
            cases.addAll(bundled.stream().filter(c -> suite.supportedKinds().contains(c.kind())).toList());
            if (cases.size() < bundled.size()) {
                System.out.println("(skipping " + (bundled.size() - cases.size()) + " bundled cases of kinds the "
                        + engine.toLowerCase() + " engine does not run; it runs: " + String.join(", ", suite.supportedKinds()) + ")");
            }
        }
        for (Path d : dirs) {
            cases.addAll(ConformanceSuite.casesUnder(d));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no conformance cases found");
        }
        int passed = 0;
        int failed = 0;
        for (ConformanceCase c : cases) {
            ConformanceSuite.Outcome o = suite.run(c);
            System.out.println(o.line());
            if (o.passed()) {
                passed++;
            } else {
                failed++;
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
