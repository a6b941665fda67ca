package dev.skiff.runtime;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.skiff.runtime.TestContainers.process;
import static dev.skiff.runtime.TestContainers.run;
import static dev.skiff.runtime.TestContainers.runtime;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts real containers (root, real kernel) from the busybox image. */
class ContainerStartTest {

    @Test
    void programIsPid1InItsOwnPidNamespace() throws Exception {
        var r = run(spec(process("sh", "-c", "echo $$; cat /proc/1/comm; true")));
        assertEquals(List.of("1", "sh"), TestContainers.lines(r.stdout()), r.stderr());
        assertEquals(0, r.status().statusCode());
    }

    @Test
    void onlyStdioIsInheritedAndSignalsAreAtTheirDefaults() throws Exception {
        // ls is PID 1 here: 0-2 plus the directory it reads
        assertEquals("0\n1\n2\n3\n", run(spec(process("ls", "/proc/self/fd"))).stdout());
        var r = run(spec(process("grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status")));
        assertEquals(List.of("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"),
                TestContainers.lines(r.stdout()), r.stderr());
    }

    @Test
    void parallelStartsStayApart() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(pool.submit(() -> {
                    ContainerSpec spec = spec(process("sh", "-c", "hostname; exec ls /proc/self/fd"));
                    // no fd of a container started at the same moment may show up in this one
                    return List.of(spec.hostname() + "\n0\n1\n2\n3\n", run(spec).stdout());
                }));
            }
            for (var result : results) {
                List<String> expectedAndActual = result.get(60, TimeUnit.SECONDS);
                assertEquals(expectedAndActual.get(0), expectedAndActual.get(1));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void hostnameIsTheContainers() throws Exception {
        ContainerSpec spec = spec(process("hostname"));
        var r = run(spec);
        assertEquals(spec.hostname() + "\n", r.stdout());
    }

    @Test
    void exitCodeIsReported() throws Exception {
        assertEquals(3, run(spec(process("sh", "-c", "exit 3"))).status().statusCode());
    }

    @Test
    void stdoutAndStderrAreSeparate() throws Exception {
        var r = run(spec(process("sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3")));
        assertEquals("to-stdout\n", r.stdout());
        assertEquals("to-stderr\n", r.stderr());
        assertEquals(3, r.status().code());
    }

    @Test
    void stdinIsDevNullUnlessOpened() throws Exception {
        assertEquals("", run(spec(process("cat"))).stdout());
    }

    @Test
    void openStdinPassesThrough() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "read line; echo got:$line; cat"), TestContainers.ENV,
                "/", 0, 0, List.of(), false, null, true);
        ContainerSpec spec = spec(p);
        Container c = runtime().start(spec);
        try {
            var out = TestContainers.drain(c.stdout());
            try (OutputStream in = c.stdin()) {
                in.write("hello\nrest\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("got:hello\nrest\n", out.get(10, TimeUnit.SECONDS));
            assertEquals(0, c.exit().get(10, TimeUnit.SECONDS).statusCode());
            c.stderr().close();
        } finally {
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }

    @Test
    void sigkillGives137() throws Exception {
        ContainerSpec spec = spec(process("sleep", "100"));
        Container c = runtime().start(spec);
        try {
            c.kill(9);
            assertEquals(137, c.exit().get(10, TimeUnit.SECONDS).statusCode());
            c.stdout().close();
            c.stderr().close();
        } finally {
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }

    @Test
    void sigtermReachesAHandlerInPid1() throws Exception {
        ContainerSpec spec = spec(process("sh", "-c", "trap 'echo bye; exit 42' TERM; echo ready; "
                + "while true; do sleep 0.05; done"));
        Container c = runtime().start(spec);
        try {
            byte[] ready = c.stdout().readNBytes(6);
            assertEquals("ready\n", new String(ready, StandardCharsets.UTF_8));
            c.kill(15);
            assertEquals(42, c.exit().get(10, TimeUnit.SECONDS).statusCode());
            assertEquals("bye\n", new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8));
            c.stdout().close();
            c.stderr().close();
        } finally {
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }

    @Test
    void missingAbsoluteProgramFailsLikeRunc() throws Exception {
        ContainerSpec spec = spec(process("/nonexistent"));
        var e = assertThrows(ProcessStartException.class, () -> runtime().start(spec));
        assertEquals("exec: \"/nonexistent\": stat /nonexistent: no such file or directory", e.getMessage());
        assertEquals(ProcessStartException.Reason.EXECUTABLE_NOT_FOUND, e.reason());
        assertEquals(127, e.exitCode());
        assertFalse(Files.exists(spec.rootfs()), "a failed start leaves no mount point");
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void programNotInPathFailsLikeRunc() throws Exception {
        ContainerSpec spec = spec(process("nosuchcmd"));
        var e = assertThrows(ProcessStartException.class, () -> runtime().start(spec));
        assertEquals("exec: \"nosuchcmd\": executable file not found in $PATH", e.getMessage());
        assertEquals(127, e.exitCode());
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void nonExecutableFileFailsWith126() throws Exception {
        ContainerSpec spec = spec(process("/etc/passwd"));
        var e = assertThrows(ProcessStartException.class, () -> runtime().start(spec));
        assertEquals("exec: \"/etc/passwd\": permission denied", e.getMessage());
        assertEquals(ProcessStartException.Reason.NOT_EXECUTABLE, e.reason());
        assertEquals(126, e.exitCode());
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void programTheKernelCannotRunIsReportedByTheInit(@org.junit.jupiter.api.io.TempDir Path host) throws Exception {
        Path bad = Files.writeString(host.resolve("bad"), "garbage\n");
        Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ContainerSpec spec = spec(process("/opt/bad"), List.of(new BindMount(bad.toString(), "/opt/bad", true)),
                Resources.NONE);
        var e = assertThrows(ProcessStartException.class, () -> runtime().start(spec));
        assertEquals("exec /opt/bad: exec format error", e.getMessage());
        assertEquals(ProcessStartException.Reason.NOT_EXECUTABLE, e.reason());
        assertFalse(Files.exists(spec.rootfs()));
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void absoluteSymlinksResolveInsideTheContainer() throws Exception {
        var r = run(spec(process("whoami")));
        assertEquals("root\n", r.stdout(), r.stderr());
    }

    @Test
    void runsAsTheGivenUserWithoutCapabilities() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "id -u; id -g; id -G; grep CapEff /proc/self/status"),
                TestContainers.ENV, "/", 1000, 1000, List.of(5, 1000), false, null, false);
        var r = run(spec(p));
        assertEquals(List.of("1000", "1000", "1000 5", "CapEff:\t0000000000000000"),
                TestContainers.lines(r.stdout()), r.stderr());
    }

    @Test
    void rootGetsDockersDefaultCapabilities() throws Exception {
        var r = run(spec(process("sh", "-c", "grep -E 'Cap(Eff|Bnd)' /proc/self/status")));
        assertEquals(List.of("CapBnd:\t00000000a80425fb", "CapEff:\t00000000a80425fb"),
                TestContainers.lines(r.stdout()).stream().sorted().toList());
    }

    @Test
    void workingDirectoryIsCreatedWhenMissing() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("pwd"), TestContainers.ENV, "/tmp/new/dir", 0, 0, List.of(),
                false, null, false);
        assertEquals("/tmp/new/dir\n", run(spec(p)).stdout());
    }

    @Test
    void workingDirectoryThatIsAFileFails() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("pwd"), TestContainers.ENV, "/etc/passwd", 0, 0, List.of(),
                false, null, false);
        ContainerSpec spec = spec(p);
        var e = assertThrows(ProcessStartException.class, () -> runtime().start(spec));
        assertEquals(ProcessStartException.Reason.BAD_WORKING_DIRECTORY, e.reason());
        assertTrue(e.getMessage().endsWith("not a directory"), e.getMessage());
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void standardMountsAndDevices() throws Exception {
        var r = run(spec(process("sh", "-c",
                "ls /dev | tr '\\n' ' '; echo; "
                        + "grep -E ' /(dev|dev/pts|dev/shm|sys|proc) ' /proc/self/mounts | cut -d' ' -f2,3 | sort | tr '\\n' ' '; echo; "
                        + "echo x > /dev/null && head -c 4 /dev/zero | wc -c; "
                        + "ip link 2>/dev/null | grep -c 'lo:.*UP'")));
        List<String> lines = TestContainers.lines(r.stdout());
        assertEquals("core fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero ",
                lines.get(0), r.stderr());
        assertEquals("/dev tmpfs /dev/pts devpts /dev/shm tmpfs /proc proc /sys sysfs ", lines.get(1));
        assertEquals("4", lines.get(2));
        assertEquals("1", lines.get(3));
    }

    @Test
    void kernelInterfacesAreMaskedAsInDocker() throws Exception {
        // /proc/timer_list (a file), /proc/acpi and /sys/firmware (directories) exist on the test kernel
        var r = run(spec(process("sh", "-c", "wc -c < /proc/timer_list; ls -A /proc/acpi | wc -l; ls -A /sys/firmware | wc -l; "
                + "echo 1 > /proc/sys/kernel/printk 2>/dev/null || echo ro; grep -c . /proc/self/status")));
        List<String> out = TestContainers.lines(r.stdout());
        assertEquals(List.of("0", "0", "0", "ro"), out.subList(0, 4), r.stderr());
        assertTrue(Integer.parseInt(out.get(4)) > 10, "the rest of /proc stays readable");
    }

    @Test
    void devicesOutsideDockersDefaultsCannotBeOpened() throws Exception {
        // mknod is allowed (CAP_MKNOD), opening the node is not: EPERM from the devices cgroup
        var r = run(spec(process("sh", "-c", "mknod /tmp/loop b 7 0 && echo made; head -c 1 /tmp/loop; "
                + "head -c 1 /dev/urandom | wc -c")));
        assertEquals(List.of("made", "1"), TestContainers.lines(r.stdout()), r.stderr());
        assertTrue(r.stderr().contains("Operation not permitted"), r.stderr());
    }

    @Test
    void bindMountsAreVisibleAndReadOnlyWhenAsked(@org.junit.jupiter.api.io.TempDir Path host) throws Exception {
        Path file = Files.writeString(host.resolve("hostname"), "from-host\n");
        Path dir = Files.createDirectories(host.resolve("vol"));
        ContainerSpec spec = spec(process("sh", "-c",
                "cat /etc/hostname; echo written > /data/new/f && echo ok; echo no > /etc/hostname || echo ro"),
                List.of(new BindMount(file.toString(), "/etc/hostname", true),
                        new BindMount(dir.toString(), "/data/new", false)), Resources.NONE);
        var r = run(spec);
        assertEquals(List.of("from-host", "ok", "ro"), TestContainers.lines(r.stdout()));
        assertEquals("written\n", Files.readString(dir.resolve("f")));
    }

    @Test
    void imagesWithManyLayersMount(@org.junit.jupiter.api.io.TempDir Path host) throws Exception {
        // 60 layers with long paths: absolute, they would overflow mount(2)'s one page of data
        Path base = Files.createDirectories(host.resolve("x".repeat(120)));
        List<Path> lowers = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Path diff = Files.createDirectories(base.resolve(String.format("%02d", i)).resolve("diff"));
            Files.writeString(diff.resolve("layer-" + i), "layer " + i + "\n");
            lowers.add(diff);
        }
        Files.writeString(lowers.get(59).resolve("shadowed"), "bottom\n");
        Files.writeString(lowers.get(0).resolve("shadowed"), "top\n");
        Path busybox = BusyboxImage.layer();
        ContainerSpec template = spec(process("sh", "-c", "cat /layer-0 /layer-59 /shadowed"));
        List<Path> all = new java.util.ArrayList<>(lowers);
        all.add(busybox);
        ContainerSpec spec = new ContainerSpec(template.id(), template.hostname(), "", all, template.upperDir(),
                template.workDir(), template.rootfs(), List.of(), template.process(), Resources.NONE,
                TestContainers.CGROUP_PARENT, null);
        var r = run(spec);
        assertEquals("layer 0\nlayer 59\ntop\n", r.stdout(), r.stderr());
    }

    @Test
    void containersOfTheSameImageDoNotShareWrites() throws Exception {
        var first = run(spec(process("sh", "-c", "echo secret > /root/file && cat /root/file")));
        assertEquals("secret\n", first.stdout());
        var second = run(spec(process("sh", "-c", "ls /root/file 2>&1 || echo absent")));
        assertTrue(second.stdout().endsWith("absent\n"), second.stdout());
    }

    @Test
    void rootfsIsVisibleToTheDaemonWhileRunning() throws Exception {
        ContainerSpec spec = spec(process("sh", "-c", "echo data > /tmp/out; sleep 100"));
        Container c = runtime().start(spec);
        try {
            Path out = spec.rootfs().resolve("tmp/out");
            for (int i = 0; i < 200 && !Files.exists(out); i++) {
                Thread.sleep(10);
            }
            assertEquals("data\n", Files.readString(out));
            c.kill(9);
            c.exit().get(10, TimeUnit.SECONDS);
            c.stdout().close();
            c.stderr().close();
        } finally {
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }
}
