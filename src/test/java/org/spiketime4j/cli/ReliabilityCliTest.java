package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to every command ends in exit 2 and one line on stderr that names the file or option, with no stack
 * trace; nothing the user had is lost.
 */
class ReliabilityCliTest {

    @TempDir
    Path dir;

    /** Runs, expects the exit code, and checks stderr is one {@code error:} line without a stack trace. */
    private static String error(String... args) {
        String err = CliRunner.run(SpikeTimeCli.USAGE_ERROR, args)[1].strip();
        assertTrue(err.startsWith("error: ") || err.contains("\nerror: "), err);
        String last = err.substring(err.lastIndexOf("error: "));
        assertFalse(last.contains("\n") || err.contains("\tat ") || err.contains("Exception in"), err);
        return last;
    }

    private static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void rasterOfABigEndianArrayWorksAndBadArraysAreOneLine() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8 * 6).order(ByteOrder.BIG_ENDIAN);
        for (double v : new double[] {1, 0, 0, 1, 1, 0}) {
            b.putDouble(v);
        }
        Path good = Files.write(dir.resolve("big.npy"), npy(">f8", "(3, 2)", b.array()));
        Path png = dir.resolve("r.png");
        CliRunner.run(0, "plot", "raster", "--spikes", good.toString(), "--out", png.toString());
        assertTrue(Files.size(png) > 0);
        byte[] cut = npy(">f8", "(3, 2)", new byte[10]);
        Path truncated = Files.write(dir.resolve("cut.npy"), cut);
        String m = error("plot", "raster", "--spikes", truncated.toString(), "--out", dir.resolve("x.png").toString());
        assertTrue(m.contains(truncated + ": truncated data") && m.contains("byte offset"), m);
        assertFalse(Files.exists(dir.resolve("x.png")), "no picture of garbage");
        Path unicode = Files.write(dir.resolve("u.npy"), npy("<U3", "(2,)", new byte[24]));
        assertTrue(error("plot", "raster", "--spikes", unicode.toString(), "--out", png.toString()).contains("'<U3'"));
        Path object = Files.write(dir.resolve("o.npy"), npy("|O", "(1,)", new byte[8]));
        assertTrue(error("plot", "raster", "--spikes", object.toString(), "--out", png.toString()).contains("'|O'"));
    }

    @Test
    void plotOutputIntoAFolderOrUnwritablePlaceIsOneLine() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"epoch\":1,\"train_loss\":1.0,\"train_accuracy\":0.5,\"test_accuracy\":0.6}\n");
        Path folder = Files.createDirectories(dir.resolve("curves.png"));
        assertTrue(error("plot", "curves", "--metrics", metrics.toString(), "--out", folder.toString())
                .contains(folder + ": it is a folder"));
        assertTrue(error("plot", "curves", "--metrics", metrics.toString(), "--out", "/proc/curves.png")
                .contains("/proc/curves.png"));
        Path old = Files.writeString(dir.resolve("old.png"), "previous");
        assertTrue(error("plot", "curves", "--metrics", dir.resolve("missing.jsonl").toString(), "--out",
                old.toString()).contains("missing.jsonl"));
        assertEquals("previous", Files.readString(old));
    }

    @Test
    void verifyRejectsFoldersWithoutCasesBadJsonAndWrongShapes() throws Exception {
        Path noCase = Files.createDirectories(dir.resolve("a").resolve("dense_0"));
        Files.write(noCase.resolve("input.npy"), npy("<f8", "(1,)", new byte[8]));
        assertTrue(error("verify", "--no-bundled", dir.resolve("a").toString()).contains("no case.json"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(error("verify", "--no-bundled", empty.toString()).contains("no conformance case"));
        Path badJson = Files.createDirectories(dir.resolve("b").resolve("loss_0"));
        Files.writeString(badJson.resolve("case.json"), "{\"kind\": \"loss\",\n \"T\": 5,,}");
        String m = error("verify", "--no-bundled", dir.resolve("b").toString());
        assertTrue(m.contains("case.json: invalid JSON at line 2") && !m.contains("Source:"), m);
    }

    @Test
    void verifyFailsACaseWhoseArrayShapeDiffersFromCaseJson() throws Exception {
        Path c = Files.createDirectories(dir.resolve("pool_0"));
        Files.writeString(c.resolve("case.json"), "{\"kind\": \"pool\", \"T\": 2, \"kernel\": 2, "
                + "\"arrays\": {\"input\": [1, 1, 2, 2, 2]}}");
        Files.write(c.resolve("input.npy"), npy("<f8", "(2, 4)", new byte[64]));
        String out = CliRunner.run(1, "verify", "--no-bundled", dir.toString())[0];
        assertTrue(out.contains("FAIL pool pool_0") && out.contains("input.npy has shape [2, 4], case.json says [1, 1, 2, 2, 2]"),
                out);
    }

    @Test
    void badOptionValuesAreOneLine() throws Exception {
        Path bin = dir.resolve("s.bin");
        Files.write(bin, new byte[] {1, 2, (byte) 0x80, 0, 5});
        assertTrue(error("nmnist", "info", bin.toString(), "--frames", "1000000000").contains("--frames"));
        assertTrue(error("nmnist", "info", bin.toString(), "--events", "-1").contains("--events"));
        assertTrue(error("nmnist", "info", dir.toString()).contains("it is a folder"));
        Path empty = Files.write(dir.resolve("e.bin"), new byte[0]);
        assertTrue(error("nmnist", "info", empty.toString()).contains("e.bin: empty file"));
        assertTrue(error("train", "--test-limit", "-5").contains("--test-limit"));
        assertTrue(error("train", "--out", "").contains("must not be empty"));
        assertTrue(error("train", "--epochs", "0").contains("--epochs"));
        assertTrue(error("evaluate", "--model", "x.zip", "--test-limit", "-5").contains("--test-limit"));
        assertTrue(error("nmnist", "emulate", "--mnist", "datasets/mnist", "--out", "").contains("--out"));
        assertTrue(error("train", "--no-such-option").contains("--no-such-option"));
        assertTrue(error("train", "--epochs", "many").contains("many"));
    }

    @Test
    void debugPrintsTheStackTrace() {
        String err = CliRunner.run(SpikeTimeCli.USAGE_ERROR, "evaluate", "--debug", "--model",
                dir.resolve("none.zip").toString())[1];
        assertTrue(err.contains("\tat ") && err.strip().endsWith("model file not found: " + dir.resolve("none.zip")), err);
    }

    @Test
    void trainRefusesAFolderHoldingARunAndKeepsIt() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path metrics = Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1}\n");
        String m = error("train", "--out", run.toString(), "--limit", "50", "--epochs", "1");
        assertTrue(m.contains("already holds a training run") && m.contains("--resume"), m);
        assertEquals("{\"epoch\":1}\n", Files.readString(metrics));
        assertTrue(error("train", "--resume", run.toString(), "--out", dir.resolve("other").toString())
                .contains("drop --out"));
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertTrue(error("train", "--out", file.toString()).contains("not a folder"));
    }

    @Test
    void resumeRejectsOptionsThatConflictWithTheStoredOnes() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{\"preset\": \"mnist\", \"epochs\": 1, \"batch\": 50, \"loss\": "
                + "\"count+\", \"data\": null, \"limit\": 50, \"test-limit\": 50, \"seed\": 42}");
        String m = error("train", "--resume", run.toString(), "--epochs", "100");
        assertTrue(m.contains("--epochs 100 conflicts") && m.contains("epochs 1"), m);
        assertTrue(error("train", "--resume", run.toString(), "--limit", "0").contains("--limit 0 conflicts"));
        assertTrue(error("train", "--resume", run.toString(), "--epochs", "1").contains("holds no checkpoint"),
                "an agreeing option passes the check");
        Files.writeString(run.resolve("run.json"), "{\"preset\": 3}");
        assertTrue(error("train", "--resume", run.toString()).contains("run.json"));
    }

    @Test
    void dataOfTheWrongShapeIsRejectedBeforeTraining() throws Exception {
        Path data = Files.createDirectories(dir.resolve("tiny"));
        for (String split : new String[] {"train", "t10k"}) {
            Files.write(data.resolve(split + "-images-idx3-ubyte"), idx(new int[] {60, 1, 1}, new byte[60]));
            Files.write(data.resolve(split + "-labels-idx1-ubyte"), idx(new int[] {60}, new byte[60]));
        }
        String m = error("train", "--data", data.toString(), "--out", dir.resolve("o").toString());
        assertTrue(m.contains("shape [1, 1, 1]") && m.contains("[1, 28, 28]"), m);
        assertFalse(Files.exists(dir.resolve("o").resolve("model.zip")));
    }

    @Test
    void aBatchTooLargeForMemoryIsRefusedWithTheEstimate() {
        String m = error("train", "--batch", "2000000000", "--out", dir.resolve("o").toString());
        assertTrue(m.contains("a batch of 2000000000 needs about") && m.contains("GiB"), m);
    }

    @Test
    void unreadableDataFolderIsNotCalledEmpty() throws Exception {
        Path data = Files.createDirectories(dir.resolve("locked"));
        if (!data.toFile().setExecutable(false, false) || Files.isExecutable(data)) {
            return;                                       // root reads everything: nothing to check
        }
        try {
            String m = error("train", "--data", data.toString(), "--out", dir.resolve("o").toString());
            assertTrue(m.contains("permission denied") && !m.contains("no train images"), m);
        } finally {
            data.toFile().setExecutable(true, false);
        }
    }

    private static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }
}
