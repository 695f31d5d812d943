package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line. */
class CliTest {

    private static String[] run(int expectedCode, String... args) {
        return CliRunner.run(expectedCode, args);
    }

    @Test
    void verifyPassesTheBundledCases() {
        String out = run(0, "verify")[0];
        assertTrue(out.strip().endsWith("passed, 0 failed"), out);
    }

    @Test
    void verifyFailsOnAnUnsupportedKind(@TempDir Path dir) throws Exception {
        Path c = Files.createDirectories(dir.resolve("weird_0"));
        Files.writeString(c.resolve("case.json"), "{\"kind\": \"weird\"}");
        String out = run(1, "verify", "--no-bundled", dir.toString())[0];
        assertTrue(out.contains("FAIL weird weird_0") && out.contains("0 passed, 1 failed"), out);
    }

    @Test
    void presetsAreListed() {
        String out = run(0, "presets")[0];
        assertTrue(out.contains("15C5-AP2-40C5-AP2-300-10") && out.contains("nmnist"), out);
    }

    @Test
    void userErrorsExitWithTwo(@TempDir Path dir) throws Exception {
        assertTrue(run(2, "train", "--preset", "cifar")[1].contains("unknown preset 'cifar'"));
        assertTrue(run(2, "train", "--preset", "nmnist", "--data", dir.resolve("none").toString(), "--out",
                dir.toString())[1].contains("data folder not found"));
        Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "garbage");
        String err = run(2, "evaluate", "--model", bad.toString())[1];
        assertTrue(err.startsWith("error: cannot read model") && !err.contains("\tat "), err);
        assertTrue(run(2, "verify", dir.resolve("nope").toString())[1].contains("not a directory"));
    }
}
