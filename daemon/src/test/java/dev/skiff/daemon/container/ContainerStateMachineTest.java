package dev.skiff.daemon.container;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerStateMachineTest {
    private static ContainerRecord record(ContainerState s) {
        ContainerConfig c = new ContainerConfig("h", "", "", false, false, false, null, false, false, false,
                List.of("A=1"), List.of("sleep", "1"), "busybox", null, "", null, null, Map.of("k", "v"), null, 3);
        HostConfig h = new HostConfig(List.of("/tmp:/data:ro"), null, null, null, false, new RestartPolicy("always", 0),
                false, null, 0, 0, 0, 0, 0, 0, null);
        return new ContainerRecord("c".repeat(64), Instant.parse("2026-11-22T21:06:13.900676657Z"), "box", "sleep",
                List.of("1"), c, h, "sha256:" + "ab".repeat(32), List.of("/layers/1/diff"), 10, s, 2, true, false);
    }

    @Test
    void transitionsFollowTheEngineStates() {
        assertTrue(ContainerStatus.CREATED.canBecome(ContainerStatus.RUNNING));
        assertTrue(ContainerStatus.RUNNING.canBecome(ContainerStatus.PAUSED));
        assertTrue(ContainerStatus.RUNNING.canBecome(ContainerStatus.RESTARTING));
        assertTrue(ContainerStatus.RESTARTING.canBecome(ContainerStatus.RUNNING));
        assertTrue(ContainerStatus.EXITED.canBecome(ContainerStatus.REMOVING));
        assertFalse(ContainerStatus.RUNNING.canBecome(ContainerStatus.REMOVING), "a running container is stopped first");
        assertFalse(ContainerStatus.CREATED.canBecome(ContainerStatus.EXITED));
        assertFalse(ContainerStatus.REMOVING.canBecome(ContainerStatus.RUNNING));
        ManagedContainer mc = new ManagedContainer(record(ContainerState.CREATED));
        ContainerRecord running = mc.record().withState(ContainerState.CREATED.running(7, Instant.now()));
        mc.transition(running);
        assertThrows(IllegalStateException.class, () -> mc.transition(running.withState(
                running.state().withStatus(ContainerStatus.REMOVING))));
        assertEquals(ContainerStatus.RUNNING, mc.status());
    }

    @Test
    void recordsSurviveAJsonRoundTrip() throws Exception {
        ContainerRecord r = record(ContainerState.CREATED.running(42, Instant.parse("2026-11-22T21:06:14.151159127Z")));
        byte[] json = ContainerJson.MAPPER.writeValueAsBytes(r);
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"Status\":\"running\""), text);
        assertTrue(text.contains("\"StartedAt\":\"2026-11-22T21:06:14.151159127Z\""), text);
        assertTrue(text.contains("\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":0}"), text);
        assertEquals(r, ContainerJson.MAPPER.readValue(json, ContainerRecord.class));
    }

    @Test
    void reconcileAfterADaemonCrash() {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        ContainerRecord running = record(ContainerState.CREATED.running(42, now.minusSeconds(60)));
        ContainerRecord fixed = ContainerService.reconcile(running, now);
        assertEquals(ContainerStatus.EXITED, fixed.state().status());
        assertEquals(255, fixed.state().exitCode());
        assertEquals(0, fixed.state().pid());
        assertEquals(now, fixed.state().finishedAt());
        ContainerRecord restarting = record(running.state().exited(ContainerStatus.RESTARTING, 3, now.minusSeconds(1)));
        ContainerRecord waited = ContainerService.reconcile(restarting, now);
        assertEquals(ContainerStatus.EXITED, waited.state().status());
        assertEquals(3, waited.state().exitCode());
        ContainerRecord removing = record(ContainerState.CREATED.withStatus(ContainerStatus.REMOVING));
        assertEquals(ContainerStatus.DEAD, ContainerService.reconcile(removing, now).state().status());
        ContainerRecord created = record(ContainerState.CREATED);
        assertSame(created, ContainerService.reconcile(created, now));
    }
}
