package dev.skiff.daemon.exec;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.runtime.ContainerProcess;
import dev.skiff.runtime.ExitStatus;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T21:00:00Z");

    private static ExecConfig config(String user, String... cmd) {
        return new ExecConfig(List.of(cmd), List.of(), "", user, false, false, true, true, "", false, null);
    }

    private final ExecStore store = new ExecStore(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void unknownIdsAreDockerds404() {
        EngineException e = assertThrows(EngineException.class, () -> store.get("abc"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("No such exec instance: abc", e.getMessage());
    }

    @Test
    void liveInstancesAreListedPerContainerUntilTheyExit() {
        ExecInstance a = new ExecInstance("a", "c1", config("", "true"));
        ExecInstance b = new ExecInstance("b", "c1", config("", "true"));
        store.add(a);
        store.add(b);
        store.add(new ExecInstance("x", "c2", config("", "true")));
        assertEquals(List.of("a", "b"), store.liveIds("c1"));
        a.exited(0, T0);
        assertEquals(List.of("b"), store.liveIds("c1"));
        assertSame(a, store.get("a"), "an exited instance stays inspectable");
    }

    @Test
    void removingTheContainerForgetsItsInstances() {
        store.add(new ExecInstance("a", "c1", config("", "true")));
        store.add(new ExecInstance("x", "c2", config("", "true")));
        store.containerRemoved("c1");
        assertThrows(EngineException.class, () -> store.get("a"));
        assertEquals(List.of("x"), store.liveIds("c2"));
    }

    @Test
    void longExitedInstancesAreForgottenWhenOthersAreCreated() {
        ManualClock clock = new ManualClock(T0);
        ExecStore swept = new ExecStore(clock);
        ExecInstance old = new ExecInstance("old", "c1", config("", "true"));
        ExecInstance recent = new ExecInstance("recent", "c1", config("", "true"));
        swept.add(old);
        swept.add(recent);
        old.exited(0, T0.minus(ExecStore.EXITED_RETENTION).minus(Duration.ofSeconds(1)));
        recent.exited(0, T0.minusSeconds(1));
        swept.add(new ExecInstance("new", "c1", config("", "true")));
        assertEquals(3, swept.size(), "swept at most once per interval");
        clock.now = T0.plus(ExecStore.SWEEP_INTERVAL);
        swept.add(new ExecInstance("newer", "c1", config("", "true")));
        assertEquals(3, swept.size());
        assertThrows(EngineException.class, () -> swept.get("old"));
        assertSame(recent, swept.get("recent"));
    }

    private static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void anInstanceStartsOnce() {
        ExecInstance e = new ExecInstance("a", "c1", config("", "true"));
        assertTrue(e.claim());
        assertFalse(e.claim());
        assertEquals("Error: Exec command a is already running", e.claimConflict());
        e.exited(0, T0);
        assertEquals("Error: Exec command a has already run", e.claimConflict());
    }

    @Test
    void aResizeWaitsForAStartItOvertook() throws Exception {
        ExecInstance e = new ExecInstance("a", "c1", config("", "sh"));
        ContainerProcess process = new StubProcess();
        CompletableFuture<ContainerProcess> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                return e.awaitProcess(5_000);
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(100);
        assertFalse(awaited.isDone(), "no process before the start");
        assertTrue(e.claim());
        e.running(process);
        assertSame(process, awaited.get(5, TimeUnit.SECONDS));
        assertNull(new ExecInstance("b", "c1", config("", "sh")).awaitProcess(10), "never started: nothing to resize");
    }

    /** A process that is only ever handed around. */
    private static final class StubProcess implements ContainerProcess {
        @Override
        public int pid() {
            return 42;
        }

        @Override
        public OutputStream stdin() {
            return null;
        }

        @Override
        public InputStream stdout() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream stderr() {
            return null;
        }

        @Override
        public boolean hasTerminal() {
            return true;
        }

        @Override
        public void resize(int rows, int cols) {
        }

        @Override
        public void kill(int signal) {
        }

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return new CompletableFuture<>();
        }
    }

    @Test
    void inspectHasDockerdsFieldsAndOrder() {
        ExecInstance e = new ExecInstance("a", "c1", config("1000", "sh", "-c", "exit 5"));
        Map<String, Object> before = e.inspect();
        assertEquals(List.of("ID", "Running", "ExitCode", "ProcessConfig", "OpenStdin", "OpenStderr", "OpenStdout",
                "CanRemove", "ContainerID", "DetachKeys", "Pid"), List.copyOf(before.keySet()));
        assertNull(before.get("ExitCode"));
        assertEquals(Map.of("tty", false, "entrypoint", "sh", "arguments", List.of("-c", "exit 5"),
                "privileged", false, "user", "1000"), before.get("ProcessConfig"));
        e.exited(5, T0);
        assertEquals(5, e.inspect().get("ExitCode"));
        assertEquals(false, e.inspect().get("Running"));
        @SuppressWarnings("unchecked")
        Map<String, Object> noUser = (Map<String, Object>) new ExecInstance("b", "c1", config("", "ls"))
                .inspect().get("ProcessConfig");
        assertFalse(noUser.containsKey("user"), "dockerd leaves out an empty user");
    }
}
