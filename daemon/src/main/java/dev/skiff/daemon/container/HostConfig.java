package dev.skiff.daemon.container;

import java.util.List;
import java.util.Map;

/**
 * The parts of the Engine API's {@code HostConfig} that skiff honours. Other fields the client sends are
 * ignored; inspect shows dockerd's defaults for them. The resource limits keep the API's units: bytes,
 * 1e-9 CPUs, microseconds for the CFS period and quota; {@code pidsLimit} is null when never set.
 */
public record HostConfig(List<String> binds, LogConfig logConfig, String networkMode,
                         Map<String, Object> portBindings, boolean publishAllPorts, RestartPolicy restartPolicy,
                         boolean autoRemove,
                         List<Integer> consoleSize, long memory, long memorySwap, long nanoCpus, long cpuShares,
                         long cpuPeriod, long cpuQuota, Long pidsLimit) {
    public HostConfig {
        logConfig = logConfig == null ? new LogConfig("json-file", Map.of()) : logConfig;
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        portBindings = portBindings == null ? Map.of() : portBindings;
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        consoleSize = consoleSize == null || consoleSize.size() != 2 ? List.of(0, 0) : consoleSize;
    }

    HostConfig withLogConfig(LogConfig log) {
        return new HostConfig(binds, log, networkMode, portBindings, publishAllPorts, restartPolicy, autoRemove,
                consoleSize, memory, memorySwap, nanoCpus, cpuShares, cpuPeriod, cpuQuota, pidsLimit);
    }

    HostConfig withLimits(long newMemory, long newMemorySwap, long newNanoCpus, long newCpuShares, long newCpuPeriod,
                          long newCpuQuota, Long newPidsLimit) {
        return new HostConfig(binds, logConfig, networkMode, portBindings, publishAllPorts, restartPolicy, autoRemove,
                consoleSize, newMemory, newMemorySwap, newNanoCpus, newCpuShares, newCpuPeriod, newCpuQuota, newPidsLimit);
    }

    /** As dockerd stores it at create: a memory limit without a memory+swap limit gets twice the memory. */
    HostConfig withDefaultMemorySwap() {
        return memory > 0 && memorySwap == 0
                ? withLimits(memory, 2 * memory, nanoCpus, cpuShares, cpuPeriod, cpuQuota, pidsLimit)
                : this;
    }

    HostConfig withRestartPolicy(RestartPolicy policy) {
        return new HostConfig(binds, logConfig, networkMode, portBindings, publishAllPorts, policy, autoRemove,
                consoleSize, memory, memorySwap, nanoCpus, cpuShares, cpuPeriod, cpuQuota, pidsLimit);
    }

    /** {@code HostConfig.LogConfig}; skiff has only the json-file driver. */
    public record LogConfig(String type, Map<String, String> config) {
        public LogConfig {
            type = type == null || type.isEmpty() ? "json-file" : type;
            config = config == null ? Map.of() : config;
        }
    }
}
