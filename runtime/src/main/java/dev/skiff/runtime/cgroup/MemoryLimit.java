package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;

/**
 * Memory and memory+swap limits as dockerd derives them: without an explicit swap limit the container may
 * use as much swap as memory (memory+swap = 2 x memory); -1 means unlimited swap.
 *
 * @param memoryBytes     memory limit
 * @param memorySwapBytes memory+swap limit, or -1 for unlimited
 */
public record MemoryLimit(long memoryBytes, long memorySwapBytes) {
    public static MemoryLimit of(Resources resources) {
        long memory = resources.memoryBytes();
        if (memory <= 0) {
            throw new IllegalArgumentException("no memory limit");
        }
        long swap = resources.memorySwapBytes();
        return new MemoryLimit(memory, swap == 0 ? 2 * memory : swap);
    }

    /** The cgroup v2 {@code memory.swap.max} value (swap alone, not memory+swap). */
    public String swapMax() {
        return memorySwapBytes < 0 ? "max" : Long.toString(memorySwapBytes - memoryBytes);
    }

    /** The cgroup v1 {@code memory.memsw.limit_in_bytes} value. */
    public String memswLimit() {
        return Long.toString(memorySwapBytes);
    }
}
