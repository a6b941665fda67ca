package dev.skiff.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.skiff.runtime.TestContainers.process;
import static dev.skiff.runtime.TestContainers.runtime;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** teardown as the daemon uses it after a crash: whatever is left, it goes. */
class ContainerTeardownTest {

    @Test
    void teardownKillsWhatStillRunsEvenFrozenAndIsIdempotent() throws Exception {
        ContainerSpec spec = spec(process("sh", "-c", "sleep 1000 & sleep 1000"));
        Container c = runtime().start(spec);
        ContainerProcess exec = c.exec(process("sleep", "1000"));
        c.pause();
        runtime().teardown(spec);
        assertEquals(137, c.exit().get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(137, exec.exit().get(10, TimeUnit.SECONDS).statusCode());
        exec.stdout().close();
        exec.stderr().close();
        assertFalse(Files.exists(spec.rootfs()));
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(spec.rootfs().toString()));
        for (String hierarchy : new String[] {"memory", "freezer", "pids", "systemd"}) {
            assertFalse(Files.exists(Path.of("/sys/fs/cgroup", hierarchy, TestContainers.CGROUP_PARENT, spec.id())));
        }
        runtime().teardown(spec);
        c.stdout().close();
        c.stderr().close();
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void rootfsCanBeMountedWhileStoppedAndStartUsesThatMount() throws Exception {
        ContainerSpec spec = spec(process("cat", "/etc/from-daemon"));
        Path rootfs = runtime().mountRootfs(spec);
        Files.writeString(rootfs.resolve("etc/from-daemon"), "copied in\n");
        assertEquals(rootfs, runtime().mountRootfs(spec));
        Container c = runtime().start(spec);
        var r = TestContainers.collect(c);
        assertEquals("copied in\n", r.stdout(), r.stderr());
        runtime().teardown(spec);
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(spec.rootfs().toString()));
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void teardownOfAContainerNeverStartedDoesNothing() throws Exception {
        ContainerSpec spec = spec(process("true"));
        runtime().teardown(spec);
        assertFalse(Files.exists(spec.rootfs()));
        TestContainers.removeContainerDir(spec);
    }
}
