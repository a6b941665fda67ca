/**
 * The container runtime of skiff: what the daemon calls to run containers on this host.
 *
 * <p>Entry point: {@link dev.skiff.runtime.ContainerRuntime#open(java.nio.file.Path)} once at daemon
 * start, then {@link dev.skiff.runtime.ContainerRuntime#start}, {@link dev.skiff.runtime.Container#exec},
 * {@link dev.skiff.runtime.ContainerProcess#kill}, {@link dev.skiff.runtime.Container#pause} and
 * {@link dev.skiff.runtime.ContainerRuntime#teardown}.
 *
 * <p>Process model: the daemon is the parent of every container process (no shim). A start runs on a
 * fresh platform thread that unshares mount, UTS, IPC and network namespaces, builds the container's
 * mounts and, with a fresh PID namespace pending, posix_spawns the small static {@code skiff-init}
 * (src/main/c) as PID 1; skiff-init mounts /proc, pivots into the rootfs, switches to the container's
 * user and capabilities and execs the program. An exec runs on a fresh thread that joins the container's
 * namespaces, takes the container user's credentials by raw system calls and posix_spawns the program
 * itself. One reaper thread reaps all of them through pidfds.
 *
 * <p>This package knows nothing of HTTP or the Engine API; failures are typed
 * ({@link dev.skiff.runtime.ProcessStartException}) and carry runc's message texts.
 */
package dev.skiff.runtime;
