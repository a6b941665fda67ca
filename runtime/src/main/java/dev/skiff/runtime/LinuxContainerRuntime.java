package dev.skiff.runtime;

import dev.skiff.runtime.cgroup.CgroupDriver;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.process.Reaper;
import dev.skiff.runtime.rootfs.OverlayRoot;
import dev.skiff.runtime.spawn.ContainerStarter;
import dev.skiff.runtime.spawn.InitBinary;
import dev.skiff.runtime.spawn.ProcessExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@link ContainerRuntime} of a Linux host; see {@link ContainerRuntime#open(Path)}. */
final class LinuxContainerRuntime implements ContainerRuntime {
    private final InitBinary init;
    private final CgroupDriver cgroups;
    private final Reaper reaper;
    private final ContainerStarter starter;
    private final ProcessExecutor executor;

    LinuxContainerRuntime(Path execRoot) throws IOException {
        this(execRoot, CgroupDriver.detect());
    }

    LinuxContainerRuntime(Path execRoot, CgroupDriver cgroups) throws IOException {
        Native nat = Native.get();
        // jnr-ffi starts its reference-queue thread on the first allocation: let that happen here, on a
        // host thread, never on a namespace thread (which can create no threads, or only wrong ones)
        nat.allocate(8);
        Files.createDirectories(execRoot);
        init = InitBinary.load();
        this.cgroups = cgroups;
        reaper = new Reaper();
        starter = new ContainerStarter(init, cgroups, reaper);
        executor = new ProcessExecutor(reaper, execRoot);
    }

    @Override
    public Container start(ContainerSpec spec) throws ProcessStartException {
        ContainerStarter.Started started = starter.start(spec);
        return new RunningContainer(spec, started.process(), started.cgroup(), executor);
    }

    @Override
    public Path mountRootfs(ContainerSpec spec) throws IOException {
        OverlayRoot.mount(spec);
        return spec.rootfs();
    }

    @Override
    public void teardown(ContainerSpec spec) throws IOException {
        cgroups.remove(ContainerStarter.cgroupPath(spec));
        OverlayRoot.unmount(spec.rootfs());
    }

    @Override
    public void close() {
        reaper.close();
        init.close();
    }
}
