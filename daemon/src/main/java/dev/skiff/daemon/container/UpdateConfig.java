package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

/**
 * The body of {@code POST /containers/{id}/update}: the resource fields of a HostConfig plus its restart
 * policy. Zero (or an absent field) leaves a setting as it is; {@code pidsLimit} null leaves the pids limit.
 */
record UpdateConfig(long memory, long memorySwap, long nanoCpus, long cpuShares, long cpuPeriod, long cpuQuota,
                    Long pidsLimit, RequestedPolicy restartPolicy) {

    /** A restart policy as sent: an empty name means "unchanged", unlike in a create. */
    record RequestedPolicy(String name, int maximumRetryCount) {
    }

    /**
     * The pids limit as dockerd's router passes it on: dropped before API 1.40; 0 and every negative value
     * mean "unlimited", recorded as 0.
     */
    UpdateConfig withPidsLimitAsRouted(boolean pidsLimitSupported) {
        Long pids = !pidsLimitSupported || pidsLimit == null ? null : Math.max(0, pidsLimit);
        return new UpdateConfig(memory, memorySwap, nanoCpus, cpuShares, cpuPeriod, cpuQuota, pids, restartPolicy);
    }

    /** dockerd's checks of an update request before it looks at the container (verifyContainerSettings). */
    void verify(int cpus) {
        RestartPolicy policy = requestedPolicy();
        if (policy != null) {
            policy.validate();
        }
        ResourceChecks.verify(memory, memorySwap, nanoCpus, cpuShares, cpuPeriod, cpuQuota, true, cpus);
    }

    /** The new restart policy, or null when the request leaves it. */
    RestartPolicy requestedPolicy() {
        return restartPolicy == null || restartPolicy.name() == null || restartPolicy.name().isEmpty() ? null
                : new RestartPolicy(restartPolicy.name(), restartPolicy.maximumRetryCount());
    }

    /**
     * The container's host config with this update applied (dockerd's UpdateContainer). Conflicts with what
     * the container already has are dockerd's 409s, without the "Cannot update container" prefix.
     */
    HostConfig applyTo(HostConfig current) {
        if (nanoCpus > 0 && current.cpuPeriod() > 0) {
            throw EngineException.conflict("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (nanoCpus > 0 && current.cpuQuota() > 0) {
            throw EngineException.conflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (cpuPeriod > 0 && current.nanoCpus() > 0) {
            throw EngineException.conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (cpuQuota > 0 && current.nanoCpus() > 0) {
            throw EngineException.conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        // skiff records "no explicit swap" as 0 where dockerd records twice the memory; compare with that
        long currentSwap = current.memory() > 0 && current.memorySwap() == 0 ? 2 * current.memory() : current.memorySwap();
        long newSwap = current.memorySwap();
        if (memory != 0) {
            if (memory > currentSwap && memorySwap == 0) {
                throw EngineException.conflict("Memory limit should be smaller than already set memoryswap limit, "
                        + "update the memoryswap at the same time");
            }
            newSwap = currentSwap; // stays what it was, not twice the new memory
        }
        if (memorySwap != 0) {
            newSwap = memorySwap;
        }
        RestartPolicy policy = requestedPolicy();
        if (policy != null && current.autoRemove() && !policy.isNone()) {
            throw EngineException.conflict("Restart policy cannot be updated because AutoRemove is enabled for the container");
        }
        HostConfig next = current.withLimits(memory != 0 ? memory : current.memory(), newSwap,
                nanoCpus != 0 ? nanoCpus : current.nanoCpus(), cpuShares != 0 ? cpuShares : current.cpuShares(),
                cpuPeriod != 0 ? cpuPeriod : current.cpuPeriod(), cpuQuota != 0 ? cpuQuota : current.cpuQuota(),
                pidsLimit != null ? pidsLimit : current.pidsLimit());
        return policy == null ? next : next.withRestartPolicy(policy);
    }
}
