package dev.skiff.daemon.exec;

import dev.skiff.runtime.ContainerProcess;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One exec instance: created by {@code POST /containers/{id}/exec}, started once, inspected until its
 * container is removed. Its monitor guards the mutable state.
 */
public final class ExecInstance {
    private enum Phase { CREATED, STARTING, RUNNING, EXITED }

    private final String id;
    private final String containerId;
    private final ExecConfig config;
    /** Opened once the process runs or its start failed; resize waits for it. */
    private final CountDownLatch started = new CountDownLatch(1);
    private Phase phase = Phase.CREATED;
    private ContainerProcess process;
    private int pid;
    private Integer exitCode;
    private Instant exitedAt;

    ExecInstance(String id, String containerId, ExecConfig config) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
    }

    public String id() {
        return id;
    }

    public String containerId() {
        return containerId;
    }

    public ExecConfig config() {
        return config;
    }

    /** Claims the instance for a start: dockerd's 409 texts when it ran or runs already. */
    synchronized boolean claim() {
        if (phase != Phase.CREATED) {
            return false;
        }
        phase = Phase.STARTING;
        return true;
    }

    synchronized String claimConflict() {
        return phase == Phase.EXITED ? "Error: Exec command " + id + " has already run"
                : "Error: Exec command " + id + " is already running";
    }

    synchronized void running(ContainerProcess p) {
        process = p;
        pid = p.pid();
        phase = Phase.RUNNING;
        started.countDown();
    }

    synchronized void exited(int code, Instant at) {
        exitCode = code;
        exitedAt = at;
        phase = Phase.EXITED;
        process = null;
        started.countDown();
    }

    /** Created, starting or running: listed in the container's ExecIDs. */
    synchronized boolean live() {
        return phase != Phase.EXITED;
    }

    /** When the instance exited, or null while it is live. */
    synchronized Instant exitedAt() {
        return exitedAt;
    }

    /**
     * The running process, waiting up to {@code millis} for the start (as dockerd does: the CLI sends the
     * first resize on another connection right after the start, and it may arrive first); null if none.
     */
    ContainerProcess awaitProcess(long millis) throws InterruptedException {
        started.await(millis, TimeUnit.MILLISECONDS);
        synchronized (this) {
            return process;
        }
    }

    /** {@code GET /exec/{id}/json}, in dockerd's field order. */
    synchronized Map<String, Object> inspect() {
        Map<String, Object> processConfig = new LinkedHashMap<>();
        processConfig.put("tty", config.tty());
        processConfig.put("entrypoint", config.cmd().get(0));
        processConfig.put("arguments", config.cmd().subList(1, config.cmd().size()));
        processConfig.put("privileged", config.privileged());
        if (!config.user().isEmpty()) {
            processConfig.put("user", config.user());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", id);
        m.put("Running", phase == Phase.RUNNING);
        m.put("ExitCode", exitCode);
        m.put("ProcessConfig", processConfig);
        m.put("OpenStdin", config.attachStdin());
        m.put("OpenStderr", config.attachStderr());
        m.put("OpenStdout", config.attachStdout());
        m.put("CanRemove", false);
        m.put("ContainerID", containerId);
        m.put("DetachKeys", config.detachKeys());
        m.put("Pid", pid);
        return m;
    }
}
