package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SpikeTimeCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void infoReportsCountsSpanAndFrames() throws IOException {
        // 5 events: ON at t=10,20,30; OFF at t=40,1000
        byte[] b = {
            1, 1, (byte) 0x80, 0, 10,
            2, 1, (byte) 0x80, 0, 20,
            3, 1, (byte) 0x80, 0, 30,
            4, 1, 0, 0, 40,
            5, 1, 0, 0x03, (byte) 0xE8,
        };
        Path f = dir.resolve("s.bin");
        Files.write(f, b);
        Run r = run("nmnist", "info", f.toString(), "--frames", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("events: 5"), r.out());
        assertTrue(r.out().contains("time: 10 .. 1000 us (span 990 us"), r.out());
        assertTrue(r.out().contains("ON: 3\n") && r.out().contains("OFF: 2\n"), r.out());
        // by event count: chunks of floor(5/2) = 2, the last takes 3
        assertTrue(r.out().contains("frame 0: 2 events (ON 2, OFF 0)"), r.out());
        assertTrue(r.out().contains("frame 1: 3 events (ON 1, OFF 2)"), r.out());
        Run t = run("nmnist", "info", f.toString(), "--frames", "2", "--binning", "by-time-window");
        assertTrue(t.out().contains("frame 0: 4 events (ON 3, OFF 1)"), t.out());
        assertTrue(t.out().contains("frame 1: 1 events (ON 0, OFF 1)"), t.out());
    }

    @Test
    void malformedFileGivesOneLineAndExitCode2() throws IOException {
        Path f = dir.resolve("bad.bin");
        Files.write(f, new byte[] {1, 1, 0, 0, 9, 1, 1, 0, 0, 8});
        Run r = run("nmnist", "info", f.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("byte offset 5") && r.err().contains("backwards"), r.err());
        assertEquals(2, run("nmnist", "info", dir.resolve("missing.bin").toString()).code());
    }

    @Test
    void emulateWritesTheOfficialLayout() throws IOException {
        Path out = dir.resolve("nm");
        Run r = run("nmnist", "emulate", "--mnist", "datasets/mnist", "--out", out.toString(), "--limit", "12",
                "--test-limit", "3", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("12/12") && r.err().contains("3/3"), "progress bar on stderr: " + r.err());
        try (Stream<Path> train = Files.walk(out.resolve("Train"));
             Stream<Path> test = Files.walk(out.resolve("Test"))) {
            assertEquals(12, train.filter(p -> p.toString().endsWith(".bin")).count());
            assertEquals(3, test.filter(p -> p.toString().endsWith(".bin")).count());
        }
        // MNIST training image 0 is a 5
        assertTrue(Files.isRegularFile(out.resolve("Train/5/00000.bin")));
        assertEquals(2, run("nmnist", "emulate", "--mnist", dir.toString(), "--out", out.toString()).code());
    }
}
