package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpdateConfigTest {
    private static final long MB = 1024 * 1024;

    private static HostConfig host(long memory, long memorySwap, long nanoCpus, long cpuQuota, boolean autoRemove) {
        return new HostConfig(List.of(), null, null, null, false, null, autoRemove, null, memory, memorySwap, nanoCpus, 0, 0,
                cpuQuota, null);
    }

    private static UpdateConfig resources(long memory, long memorySwap, long nanoCpus) {
        return new UpdateConfig(memory, memorySwap, nanoCpus, 0, 0, 0, null, null);
    }

    private static void assertInvalid(String message, UpdateConfig u) {
        EngineException e = assertThrows(EngineException.class, () -> u.verify(2));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
        assertEquals(message, e.getMessage());
    }

    private static void assertConflict(String message, UpdateConfig u, HostConfig current) {
        EngineException e = assertThrows(EngineException.class, () -> u.applyTo(current));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void requestsAreCheckedWithDockerdsMessages() {
        assertInvalid("Minimum memory limit allowed is 6MB", resources(4 * MB, 0, 0));
        assertInvalid("Minimum memoryswap limit should be larger than memory limit, see usage", resources(64 * MB, 32 * MB, 0));
        assertInvalid("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available", resources(0, 0, 3_000_000_000L));
        assertInvalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set",
                new UpdateConfig(0, 0, 500_000_000L, 0, 0, 50_000, null, null));
        assertInvalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
                new UpdateConfig(0, 0, 0, 0, 999, 0, null, null));
        assertInvalid("CPU cfs quota can not be less than 1ms (i.e. 1000)", new UpdateConfig(0, 0, 0, 0, 0, 999, null, null));
        assertInvalid("invalid restart policy 'sometimes'",
                new UpdateConfig(0, 0, 0, 0, 0, 0, null, new UpdateConfig.RequestedPolicy("sometimes", 0)));
        // a swap limit alone is fine in an update: the container may already have a memory limit
        resources(0, 256 * MB, 0).verify(2);
        new UpdateConfig(0, 0, 0, 0, 0, 0, null, new UpdateConfig.RequestedPolicy("", 0)).verify(2);
    }

    @Test
    void zeroLeavesASettingAndSwapStaysWhatItWasWhenMemoryChanges() {
        // -m 64m at create: memory+swap is twice that, 128m
        HostConfig next = resources(128 * MB, 0, 500_000_000L).applyTo(host(64 * MB, 0, 0, 0, false));
        assertEquals(128 * MB, next.memory());
        assertEquals(128 * MB, next.memorySwap());
        assertEquals(500_000_000L, next.nanoCpus());
        assertNull(next.pidsLimit());
        assertEquals(RestartPolicy.NO, next.restartPolicy());

        HostConfig pids = new UpdateConfig(0, 0, 0, 512, 0, 0, 0L, new UpdateConfig.RequestedPolicy("on-failure", 3))
                .applyTo(next);
        assertEquals(128 * MB, pids.memory());
        assertEquals(512, pids.cpuShares());
        assertEquals(0L, pids.pidsLimit());
        assertEquals(new RestartPolicy("on-failure", 3), pids.restartPolicy());
        assertEquals(-1, resources(0, -1, 0).applyTo(next).memorySwap());
    }

    @Test
    void conflictsWithTheContainersSettingsAreDockerdsConflicts() {
        assertConflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time",
                resources(128 * MB, 0, 0), host(0, 0, 0, 0, false));
        assertConflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time",
                resources(256 * MB, 0, 0), host(64 * MB, 0, 0, 0, false));
        assertConflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set",
                resources(0, 0, 500_000_000L), host(0, 0, 0, 50_000, false));
        assertConflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
                new UpdateConfig(0, 0, 0, 0, 0, 50_000, null, null), host(0, 0, 500_000_000L, 0, false));
        assertConflict("Restart policy cannot be updated because AutoRemove is enabled for the container",
                new UpdateConfig(0, 0, 0, 0, 0, 0, null, new UpdateConfig.RequestedPolicy("always", 0)),
                host(0, 0, 0, 0, true));
        // "no" is allowed on an auto-removed container
        new UpdateConfig(0, 0, 0, 0, 0, 0, null, new UpdateConfig.RequestedPolicy("no", 0)).applyTo(host(0, 0, 0, 0, true));
    }
}
