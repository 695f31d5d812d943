package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code spiketime bench}: a tiny real run and its JSON, and the argument errors. No time is asserted. */
class BenchCommandTest {

    private static String[] run(int expectedCode, String... args) {
        return CliRunner.run(expectedCode, args);
    }

    @Test
    void aTinyRunWritesEveryNumber(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        String[] out = run(0, "bench", "--preset", "mnist", "--batch", "8", "--batches", "2", "--warmup", "1",
                "--max-warmup", "1", "--threads", "1", "--json", json.toString());
        assertTrue(out[0].contains("training step") && out[0].contains("resident"), out[0]);
        assertTrue(out[1].contains("warm-up batches") && out[1].contains("1/1"), "warm-up progress: " + out[1]);
        assertTrue(out[1].contains("timed batches") && out[1].contains("2/2"), "timed progress: " + out[1]);
        assertTrue(out[0].contains("after 1 warm-up (JIT compilation had not settled"), out[0]);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals("mnist", r.get("preset").asText());
        assertEquals(8, r.get("batch_size").asInt());
        assertEquals(2, r.get("batches").asInt());
        assertEquals(5, r.get("time_steps").asInt());
        assertEquals(1, r.get("warmup").asInt());
        assertFalse(r.get("warmup_jit_settled").asBoolean());
        assertTrue(r.get("timed_jit_compilation_ms").asDouble() >= 0, "HotSpot reports compile time");
        assertEquals(1, r.at("/environment/nd4j_max_threads").asInt());
        assertEquals(1, r.at("/environment/blas_threads").asInt());
        assertTrue(!r.at("/environment/stock_conv_helper").asText().isEmpty());
        for (String net : new String[]{"spiking", "stock", "spiking_cpu", "stock_cpu"}) {
            for (String what : new String[]{"forward_ms", "train_step_ms", "inference_ms"}) {
                JsonNode t = r.get(net).get(what);
                assertEquals(2, t.get("count").asInt(), net + " " + what);
                assertTrue(t.get("min").asDouble() > 0, net + " " + what + " min " + t);
                assertTrue(t.get("p10").asDouble() <= t.get("median").asDouble()
                        && t.get("median").asDouble() <= t.get("p90").asDouble(), net + " " + what + " " + t);
            }
            assertTrue(r.get(net).has("backward_update_ms"), net);
            assertTrue(r.get(net).get("train_samples_per_s").asDouble() > 0, net);
        }
        for (String ratio : new String[]{"train_step", "inference", "forward"}) {
            for (String kind : new String[]{"ratio_spiking_to_stock", "ratio_spiking_to_stock_cpu"}) {
                double v = r.at("/" + kind + "/" + ratio).asDouble();
                assertTrue(v > 0 && Double.isFinite(v), kind + " " + ratio + " = " + v);
            }
        }
        assertTrue(r.get("timed_wall_ms").asDouble() > 0 && r.get("timed_thread_cpu_ms").asDouble() > 0);
        assertTrue(r.get("threshold_init_ms").asDouble() > 0);
        assertTrue(r.at("/memory/peak/physical").asLong() >= r.at("/memory/start/physical").asLong());
        assertTrue(r.at("/memory/peak/heap_used").asLong() > 0);
        assertEquals(2, r.at("/memory/per_batch/physical").size());
        assertTrue(r.at("/memory/middle/physical").asLong() > 0 && r.at("/memory/end/physical").asLong() > 0);
        assertTrue(r.at("/memory").has("resident_growth_middle_to_end"));
    }

    @Test
    void helpExplainsTheWarmupWithoutFormatWarnings() {
        String[] out = run(0, "bench", "--help");
        String all = (out[0] + out[1]).replaceAll("\\s+", " ");   // the help is wrapped at 80 columns
        assertTrue(all.contains("at most 2% of the time of the last 10 batches"), all);
        assertTrue(all.contains("(default: 200, or --warmup if that is larger"), all);
        assertFalse(all.contains("Could not format"), all);
    }

    @Test
    void badArgumentsExitWithTwo(@TempDir Path dir) {
        assertTrue(run(2, "bench", "--batch", "0")[1].contains("batchSize must be >= 1, got 0"));
        assertTrue(run(2, "bench", "--batches", "0")[1].contains("batches must be >= 1"));
        assertTrue(run(2, "bench", "--warmup", "-1")[1].contains("warmup must be >= 0"));
        assertTrue(run(2, "bench", "--warmup", "5", "--max-warmup", "2")[1].contains("maxWarmup must be >= warmup (5), got 2"));
        assertTrue(run(2, "bench", "--threads", "-1")[1].contains("threads must be >= 0"));
        // surefire starts the tests with OMP_NUM_THREADS=1: more op threads cannot be had at run time
        String more = run(2, "bench", "--threads", "64")[1];
        assertTrue(more.contains("can only be lowered") && more.contains("OMP_NUM_THREADS=64"), more);
        assertTrue(run(2, "bench", "--preset", "cifar")[1].contains("unknown preset 'cifar'"));
        assertTrue(run(2, "bench", "--preset", "nmnist", "--data", dir.resolve("none").toString())[1]
                .contains("data folder not found"));
        assertTrue(run(2, "bench", "--json", dir.resolve("no/such/dir/x.json").toString())[1].contains("folder not found"));
        assertTrue(run(2, "bench", "--batches", "x")[1].contains("--batches"));
    }
}
