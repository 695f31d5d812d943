package org.spiketime4j.bench;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory in use at one moment, in bytes.
 *
 * <p>ND4J 1.0.0-M2.1 on the CPU allocates its array buffers in native code, outside JavaCPP's
 * accounting, so {@code offHeap} stays near zero there; the resident set {@code physical} is the
 * measure that shows every allocation (a leak makes it grow batch after batch).
 *
 * @param heapUsed      Java heap in use (total minus free; garbage not yet collected counts)
 * @param heapCommitted Java heap the JVM has reserved from the system
 * @param offHeap       off-heap memory JavaCPP tracks ({@link Pointer#totalBytes()})
 * @param workspaces    bytes reserved by the calling thread's ND4J workspaces
 * @param physical      resident set size of the whole process ({@link Pointer#physicalBytes()}: heap, native
 *                      code, workspaces and ND4J array buffers)
 */
public record MemorySample(long heapUsed, long heapCommitted, long offHeap, long workspaces, long physical) {

    /** @return the memory in use now, sampled on the calling thread */
    public static MemorySample now() {
        Runtime rt = Runtime.getRuntime();
        long ws = 0;
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            ws += w.getCurrentSize();
        }
        return new MemorySample(rt.totalMemory() - rt.freeMemory(), rt.totalMemory(), Pointer.totalBytes(), ws,
                Pointer.physicalBytes());
    }

    /**
     * @param other another sample
     * @return the field-wise maximum of the two
     */
    public MemorySample max(MemorySample other) {
        return new MemorySample(Math.max(heapUsed, other.heapUsed), Math.max(heapCommitted, other.heapCommitted),
                Math.max(offHeap, other.offHeap),
                Math.max(workspaces, other.workspaces), Math.max(physical, other.physical));
    }
}
