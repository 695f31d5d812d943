package org.spiketime4j.bench;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread settings of ND4J's CPU backend.
 *
 * <p>libnd4j sizes its thread pool from {@code OMP_NUM_THREADS} when the backend starts (the
 * {@code spiketime} launcher sets it to the number of cores, at most 8, unless it is already set, and
 * {@code OMP_WAIT_POLICY=PASSIVE}: spinning OpenMP threads would take the cores from the fused Java loops,
 * which split their work over the same number of threads; and {@code OPENBLAS_THREAD_TIMEOUT=4}: after
 * every matrix product OpenBLAS's worker threads otherwise spin for about 2^28 cycles, a tenth of a
 * second, which on 2 cores slowed the MNIST training step by a fifth when another network ran in between). Measured with 1.0.0-M2.1, a
 * running program can lower libnd4j's master threads ({@code Environment.setMaxMasterThreads}), the
 * OpenMP team size ({@code NativeOps.setOmpNumThreads}) and OpenBLAS's threads
 * ({@code Blas.setMaxThreads}), but cannot raise the master threads above the start value, and
 * {@code Environment.setMaxThreads} changes nothing at all.
 *
 * @param ompNumThreadsEnv  the {@code OMP_NUM_THREADS} environment variable, or "unset"
 * @param ompWaitPolicyEnv  the {@code OMP_WAIT_POLICY} environment variable, or "unset"
 * @param blasTimeoutEnv    the {@code OPENBLAS_THREAD_TIMEOUT} environment variable, or "unset"
 * @param maxThreads        libnd4j's maximum threads per op
 * @param maxMasterThreads  libnd4j's maximum master threads
 * @param ompMaxThreads     OpenMP's maximum team size as libnd4j reports it
 * @param blasThreads       OpenBLAS's thread count
 * @param cores             processors available to the JVM
 */
public record ThreadSettings(String ompNumThreadsEnv, String ompWaitPolicyEnv, String blasTimeoutEnv, int maxThreads, int maxMasterThreads,
                             int ompMaxThreads, int blasThreads, int cores) {

    /** @return the settings in effect now */
    public static ThreadSettings current() {
        Environment env = Nd4j.getEnvironment();
        return new ThreadSettings(envOrUnset("OMP_NUM_THREADS"), envOrUnset("OMP_WAIT_POLICY"),
                envOrUnset("OPENBLAS_THREAD_TIMEOUT"), env.maxThreads(), env.maxMasterThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Sets every thread count of the backend for the rest of the process.
     *
     * @param threads threads per op, from 1 to the master threads the process started with
     * @return the settings in effect afterwards
     * @throws IllegalArgumentException if {@code threads < 1} or more than the process started with (which
     *                                  only {@code OMP_NUM_THREADS} at start-up can give)
     * @throws IllegalStateException    if the backend did not take the setting
     */
    public static ThreadSettings apply(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ThreadSettings before = current();
        if (threads > before.maxMasterThreads()) {
            throw new IllegalArgumentException("threads " + threads + ": ND4J's threads can only be lowered while "
                    + "the program runs, and it started with " + before.maxMasterThreads() + " (OMP_NUM_THREADS="
                    + before.ompNumThreadsEnv() + "); start it as OMP_NUM_THREADS=" + threads + " ./spiketime ...");
        }
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        ThreadSettings after = current();
        if (after.maxMasterThreads() != threads || after.ompMaxThreads() != threads
                || after.blasThreads() != threads) {
            throw new IllegalStateException("the backend did not take threads=" + threads + ": " + after.describe());
        }
        return after;
    }

    /** @return a one-line description */
    public String describe() {
        return "OMP_NUM_THREADS=" + ompNumThreadsEnv + ", OMP_WAIT_POLICY=" + ompWaitPolicyEnv
                + ", OPENBLAS_THREAD_TIMEOUT=" + blasTimeoutEnv + ", nd4j maxThreads=" + maxThreads + ", maxMasterThreads="
                + maxMasterThreads + ", omp max threads=" + ompMaxThreads + ", OpenBLAS threads=" + blasThreads
                + ", cores=" + cores;
    }

    private static String envOrUnset(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }
}
