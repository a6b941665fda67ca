package dev.skiff.daemon.container;

import java.util.List;
import java.util.Map;

/**
 * The parts of the Engine API's {@code HostConfig} that skiff honours. Other fields the client sends are
 * ignored; inspect shows dockerd's defaults for them.
 */
public record HostConfig(List<String> binds, LogConfig logConfig, String networkMode,
                         Map<String, Object> portBindings, RestartPolicy restartPolicy, boolean autoRemove,
                         List<Integer> consoleSize, long memory, long memorySwap, long nanoCpus) {
    public HostConfig {
        logConfig = logConfig == null ? new LogConfig("json-file", Map.of()) : logConfig;
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        portBindings = portBindings == null ? Map.of() : portBindings;
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        consoleSize = consoleSize == null || consoleSize.size() != 2 ? List.of(0, 0) : consoleSize;
    }

    /** {@code HostConfig.LogConfig}; skiff has only the json-file driver. */
    public record LogConfig(String type, Map<String, String> config) {
        public LogConfig {
            type = type == null || type.isEmpty() ? "json-file" : type;
            config = config == null ? Map.of() : config;
        }
    }
}
