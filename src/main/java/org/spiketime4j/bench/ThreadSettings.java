package org.spiketime4j.bench;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread settings of ND4J's CPU backend.
 *
 * <p>ND4J 1.0.0-M2.1 lets a running program change them: libnd4j's op threads
 * ({@code Environment.setMaxThreads}, {@code setMaxMasterThreads}), the OpenMP team size
 * ({@code NativeOps.setOmpNumThreads}) and OpenBLAS's threads ({@code Blas.setMaxThreads}). The
 * environment variable {@code OMP_NUM_THREADS} is only read when the backend starts; the
 * {@code spiketime} launcher sets it to 1 unless it is already set.
 *
 * @param ompNumThreadsEnv  the {@code OMP_NUM_THREADS} environment variable, or "unset"
 * @param maxThreads        libnd4j's maximum threads per op
 * @param maxMasterThreads  libnd4j's maximum master threads
 * @param ompMaxThreads     OpenMP's maximum team size as libnd4j reports it
 * @param blasThreads       OpenBLAS's thread count
 * @param cores             processors available to the JVM
 */
public record ThreadSettings(String ompNumThreadsEnv, int maxThreads, int maxMasterThreads, int ompMaxThreads,
                             int blasThreads, int cores) {

    /** @return the settings in effect now */
    public static ThreadSettings current() {
        Environment env = Nd4j.getEnvironment();
        String omp = System.getenv("OMP_NUM_THREADS");
        return new ThreadSettings(omp == null ? "unset" : omp, env.maxThreads(), env.maxMasterThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Sets every thread count of the backend for the rest of the process.
     *
     * @param threads threads per op, &gt;= 1
     * @return the settings in effect afterwards
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static ThreadSettings apply(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        return current();
    }

    /** @return a one-line description */
    public String describe() {
        return "OMP_NUM_THREADS=" + ompNumThreadsEnv + ", nd4j maxThreads=" + maxThreads + ", maxMasterThreads="
                + maxMasterThreads + ", omp max threads=" + ompMaxThreads + ", OpenBLAS threads=" + blasThreads
                + ", cores=" + cores;
    }
}
