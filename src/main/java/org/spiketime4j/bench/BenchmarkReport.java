package org.spiketime4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The numbers of one benchmark run.
 *
 * @param preset           the preset's name
 * @param network          the network in the paper's notation
 * @param timeSteps        T of the spiking network
 * @param batchSize        samples per batch
 * @param batches          timed batches
 * @param warmup           how the warm-up went and the JIT compilation during the timed batches
 * @param backend          the ND4J backend and native build ({@code org.bytedeco.javacpp.platform.extension})
 * @param stockConvHelper  the helper library of the stock network's convolutions, or "none" (DL4J's own code)
 * @param threads          thread settings during the timed batches
 * @param loadStart        system load average over the last minute before the timed batches (-1 if unknown)
 * @param loadEnd          the same after them
 * @param thresholdInitMs  the threshold initialisation on the first batch, in ms
 * @param spiking          the spiking network's wall-clock times
 * @param spikingCpu       the spiking network's times in CPU time of the benchmark thread
 * @param stock            the stock DL4J network's wall-clock times, on the same batches
 * @param stockCpu         the stock network's times in CPU time of the benchmark thread
 * @param timedWallMs      wall-clock time of all timed batches together (both networks, memory sampling)
 * @param timedProcessCpuMs CPU time of the whole process over the same span (all threads; -1 if unknown)
 * @param memoryStart      memory after garbage collection just before the first timed batch
 * @param memoryMiddle     memory after garbage collection after timed batch {@code ceil(batches / 2)}
 * @param memoryEnd        memory after garbage collection just after the last timed batch
 * @param memoryPerBatch   memory after each timed batch (peak = the field-wise maximum)
 */
public record BenchmarkReport(String preset, String network, int timeSteps, int batchSize, int batches, Warmup warmup,
                              String backend, String stockConvHelper, ThreadSettings threads, double loadStart, double loadEnd,
                              double thresholdInitMs, NetworkTimings spiking, NetworkTimings spikingCpu,
                              NetworkTimings stock, NetworkTimings stockCpu, double timedWallMs,
                              double timedProcessCpuMs, MemorySample memoryStart, MemorySample memoryMiddle, MemorySample memoryEnd, List<MemorySample> memoryPerBatch) {

    private static final double MB = 1024.0 * 1024.0;

    /**
     * @param batches   untimed warm-up batches run
     * @param settled   whether the warm-up ended because the JIT compiler had settled ({@link WarmupGate}),
     *                  rather than at its maximum
     * @param timedJitMs JIT compilation time during the timed batches, in ms (-1 if the JVM does not report it)
     */
    public record Warmup(int batches, boolean settled, double timedJitMs) {
    }

    /** Validates the fields. */
    public BenchmarkReport {
        Objects.requireNonNull(spiking, "spiking");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(spikingCpu, "spikingCpu");
        Objects.requireNonNull(stockCpu, "stockCpu");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(memoryStart, "memoryStart");
        Objects.requireNonNull(memoryMiddle, "memoryMiddle");
        Objects.requireNonNull(memoryEnd, "memoryEnd");
        memoryPerBatch = List.copyOf(memoryPerBatch);
        if (memoryPerBatch.isEmpty()) {
            throw new IllegalArgumentException("memoryPerBatch needs one sample per timed batch, got none");
        }
    }

    /** @return the field-wise maximum of every memory sample */
    public MemorySample memoryPeak() {
        MemorySample peak = memoryStart.max(memoryMiddle).max(memoryEnd);
        for (MemorySample m : memoryPerBatch) {
            peak = peak.max(m);
        }
        return peak;
    }

    /**
     * @return growth of the resident set after garbage collection from the middle to the end of the timed
     *         batches, in bytes (near zero when nothing leaks; the first half absorbs the warm-up of caches,
     *         allocator arenas and workspaces)
     */
    public long residentGrowth() {
        return memoryEnd.physical() - memoryMiddle.physical();
    }

    /** @return growth of the Java heap in use after garbage collection from the middle to the end, in bytes */
    public long heapGrowth() {
        return memoryEnd.heapUsed() - memoryMiddle.heapUsed();
    }

    /** @return CPU time of the benchmark thread in all timed calls of both networks, in ms */
    public double threadCpuMs() {
        return (spikingCpu.step().mean() + spikingCpu.forward().mean() + spikingCpu.inference().mean()
                + stockCpu.step().mean() + stockCpu.forward().mean() + stockCpu.inference().mean()) * batches;
    }

    /** @return median training step of the spiking network over that of the stock one */
    public double stepRatio() {
        return spiking.step().median() / stock.step().median();
    }

    /** @return median inference of the spiking network over that of the stock one */
    public double inferenceRatio() {
        return spiking.inference().median() / stock.inference().median();
    }

    /** @return median training-mode forward pass of the spiking network over that of the stock one */
    public double forwardRatio() {
        return spiking.forward().median() / stock.forward().median();
    }

    /** @return all numbers as an indented JSON document (times in ms, memory in bytes) */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("preset", preset);
        o.put("network", network);
        o.put("time_steps", timeSteps);
        o.put("batch_size", batchSize);
        o.put("batches", batches);
        o.put("warmup", warmup.batches());
        o.put("warmup_jit_settled", warmup.settled());
        o.put("timed_jit_compilation_ms", warmup.timedJitMs());
        o.put("data_type", "float");
        ObjectNode env = o.putObject("environment");
        env.put("backend", backend);
        env.put("stock_conv_helper", stockConvHelper);
        env.put("omp_num_threads_env", threads.ompNumThreadsEnv());
        env.put("omp_wait_policy_env", threads.ompWaitPolicyEnv());
        env.put("openblas_thread_timeout_env", threads.blasTimeoutEnv());
        env.put("nd4j_max_threads", threads.maxThreads());
        env.put("nd4j_max_master_threads", threads.maxMasterThreads());
        env.put("omp_max_threads", threads.ompMaxThreads());
        env.put("blas_threads", threads.blasThreads());
        env.put("cores", threads.cores());
        env.put("load_average_start", loadStart);
        env.put("load_average_end", loadEnd);
        env.put("java", System.getProperty("java.version"));
        o.put("threshold_init_ms", thresholdInitMs);
        timings(o.putObject("spiking"), spiking);
        timings(o.putObject("stock"), stock);
        ObjectNode ratio = o.putObject("ratio_spiking_to_stock");
        ratio.put("train_step", stepRatio());
        ratio.put("inference", inferenceRatio());
        ratio.put("forward", forwardRatio());
        timings(o.putObject("spiking_cpu"), spikingCpu);
        timings(o.putObject("stock_cpu"), stockCpu);
        ObjectNode cpuRatio = o.putObject("ratio_spiking_to_stock_cpu");
        cpuRatio.put("train_step", spikingCpu.step().median() / stockCpu.step().median());
        cpuRatio.put("inference", spikingCpu.inference().median() / stockCpu.inference().median());
        cpuRatio.put("forward", spikingCpu.forward().median() / stockCpu.forward().median());
        o.put("timed_wall_ms", timedWallMs);
        o.put("timed_process_cpu_ms", timedProcessCpuMs);
        o.put("timed_thread_cpu_ms", threadCpuMs());
        ObjectNode mem = o.putObject("memory");
        memory(mem.putObject("start"), memoryStart);
        memory(mem.putObject("middle"), memoryMiddle);
        memory(mem.putObject("end"), memoryEnd);
        memory(mem.putObject("peak"), memoryPeak());
        mem.put("resident_growth_middle_to_end", residentGrowth());
        mem.put("heap_growth_middle_to_end", heapGrowth());
        ObjectNode per = mem.putObject("per_batch");
        series(per.putArray("heap_used"), MemorySample::heapUsed);
        series(per.putArray("heap_committed"), MemorySample::heapCommitted);
        series(per.putArray("off_heap_javacpp"), MemorySample::offHeap);
        series(per.putArray("workspaces"), MemorySample::workspaces);
        series(per.putArray("physical"), MemorySample::physical);
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark report as JSON: " + e.getMessage(), e);
        }
    }

    private static void timings(ObjectNode o, NetworkTimings t) {
        summary(o.putObject("forward_ms"), t.forward());
        summary(o.putObject("backward_update_ms"), t.backwardUpdate());
        summary(o.putObject("train_step_ms"), t.step());
        summary(o.putObject("inference_ms"), t.inference());
        o.put("train_samples_per_s", t.trainSamplesPerSecond());
        o.put("inference_samples_per_s", t.inferenceSamplesPerSecond());
    }

    private static void summary(ObjectNode o, Timings t) {
        o.put("median", t.median());
        o.put("p10", t.p10());
        o.put("p90", t.p90());
        o.put("min", t.min());
        o.put("max", t.max());
        o.put("mean", t.mean());
        o.put("count", t.count());
    }

    private static void memory(ObjectNode o, MemorySample m) {
        o.put("heap_used", m.heapUsed());
        o.put("heap_committed", m.heapCommitted());
        o.put("off_heap_javacpp", m.offHeap());
        o.put("workspaces", m.workspaces());
        o.put("physical", m.physical());
    }

    private void series(ArrayNode a, ToLongFunction<MemorySample> field) {
        for (MemorySample m : memoryPerBatch) {
            a.add(field.applyAsLong(m));
        }
    }

    /** @return the human-readable table the CLI prints */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s %s, T=%d, batch %d: %d timed batches after %d warm-up (%s), float%n",
                preset, network, timeSteps, batchSize, batches, warmup.batches(), warmup.settled()
                        ? "until JIT compilation fell to " + WarmupGate.SETTLED_SHARE_PERCENT + "% of the time of "
                        + WarmupGate.WINDOW + " batches" : "JIT compilation had not settled: times may include it"));
        s.append(String.format(Locale.ROOT, "backend %s; stock convolution helper: %s; %s%n", backend, stockConvHelper,
                threads.describe()));
        // the benchmark itself keeps up to min(cores, threads) runnable: more than that, plus slack, is others' load
        int ownThreads = Math.min(threads.cores(), threads.maxMasterThreads());
        s.append(String.format(Locale.ROOT, "load average %.2f before, %.2f after, on %d cores%s%n", loadStart, loadEnd,
                threads.cores(), Math.max(loadStart, loadEnd) > ownThreads + 0.5
                        ? " (machine busy beyond this benchmark's " + ownThreads + " thread(s): times are inflated and noisy)"
                        : ""));
        s.append(String.format(Locale.ROOT, "threshold initialisation: %.0f ms%n%n", thresholdInitMs));
        table(s, "ms per batch, wall", spiking, stock);
        s.append(String.format(Locale.ROOT, "%-22s %28.0f   %28.0f%n", "train samples/s", spiking.trainSamplesPerSecond(),
                stock.trainSamplesPerSecond()));
        s.append(String.format(Locale.ROOT, "%-22s %28.0f   %28.0f%n%n", "inference samples/s",
                spiking.inferenceSamplesPerSecond(), stock.inferenceSamplesPerSecond()));
        table(s, "ms per batch, CPU", spikingCpu, stockCpu);
        s.append(String.format(Locale.ROOT, "(CPU = CPU time of the benchmark thread, less inflated by a busy machine; "
                        + "timed batches: %.1f s wall, %.1f s CPU on that thread, %.1f s CPU in the whole process, "
                + "%s)%n", timedWallMs / 1000, threadCpuMs() / 1000, timedProcessCpuMs / 1000, warmup.timedJitMs() < 0
                        ? "JIT compilation time not reported"
                        : String.format(Locale.ROOT, "%.1f s JIT compilation", warmup.timedJitMs() / 1000)));
        s.append("(backward + update = training step - forward, per batch; ratio = spiking median / stock median)\n\n");
        s.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s%n", "memory (MB)", "heap used",
                "heap comm.", "javacpp", "workspaces", "resident"));
        memoryRow(s, "start (after GC)", memoryStart);
        memoryRow(s, "middle (after GC)", memoryMiddle);
        memoryRow(s, "end (after GC)", memoryEnd);
        memoryRow(s, "peak (every batch)", memoryPeak());
        s.append(String.format(Locale.ROOT, "growth from the middle to the end (after GC, %d batches): resident %+.1f MB, "
                + "heap %+.1f MB%n", batches - (batches + 1) / 2, residentGrowth() / MB, heapGrowth() / MB));
        s.append("(after GC: collected and dead native buffers freed, what the program holds; peak: sampled after every\n"
                + " batch, dead buffers waiting for the collector included. javacpp: off-heap bytes JavaCPP tracks; ND4J\n"
                + " M2.1 allocates array buffers natively, so the resident set is the measure of native memory)\n");
        return s.toString();
    }

    private static void table(StringBuilder s, String title, NetworkTimings a, NetworkTimings b) {
        s.append(String.format(Locale.ROOT, "%-22s %28s   %28s   %7s%n", title,
                "spiking: median [p10, p90]", "stock DL4J: median [p10, p90]", "ratio"));
        row(s, "forward (train mode)", a.forward(), b.forward(), a.forward().median() / b.forward().median());
        row(s, "backward + update", a.backwardUpdate(), b.backwardUpdate(), Double.NaN);
        row(s, "training step", a.step(), b.step(), a.step().median() / b.step().median());
        row(s, "inference", a.inference(), b.inference(), a.inference().median() / b.inference().median());
    }

    private static void row(StringBuilder s, String label, Timings a, Timings b, double ratio) {
        s.append(String.format(Locale.ROOT, "%-22s %28s   %28s   %7s%n", label, cell(a), cell(b),
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio)));
    }

    private static String cell(Timings t) {
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", t.median(), t.p10(), t.p90());
    }

    private static void memoryRow(StringBuilder s, String label, MemorySample m) {
        s.append(String.format(Locale.ROOT, "%-22s %10.1f %10.1f %10.1f %10.1f %10.1f%n", label, m.heapUsed() / MB,
                m.heapCommitted() / MB, m.offHeap() / MB, m.workspaces() / MB, m.physical() / MB));
    }
}
