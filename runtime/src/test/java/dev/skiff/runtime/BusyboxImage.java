package dev.skiff.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A one-layer image built from Debian's busybox-static (/bin/busybox): every applet as a symlink,
 * a passwd/group with root and user 1000, and a non-executable file. Built once per test JVM.
 */
final class BusyboxImage {
    private static Path layer;

    private BusyboxImage() {
    }

    static synchronized Path layer() throws IOException, InterruptedException {
        if (layer == null) {
            Path dir = Files.createTempDirectory("skiff-busybox-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestContainers.deleteTree(dir)));
            layer = build(dir);
        }
        return layer;
    }

    private static Path build(Path dir) throws IOException, InterruptedException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("tests need busybox-static: apt-get install -y busybox-static");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Process list = new ProcessBuilder("/bin/busybox", "--list").redirectErrorStream(true).start();
        List<String> applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().filter(s -> !s.isBlank() && !s.equals("busybox")).toList();
        list.waitFor();
        for (String applet : applets) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\ntty:x:5:\nuser:x:1000:\n");
        Files.writeString(etc.resolve("hostname"), "image-hostname\n");
        Files.setPosixFilePermissions(etc.resolve("passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(dir.resolve("root"));
        // an absolute symlink whose target exists only in the image: it must resolve inside the container
        Files.createDirectories(dir.resolve("usr/local/bin"));
        Files.createDirectories(dir.resolve("only-in-image"));
        Files.copy(busybox, dir.resolve("only-in-image/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(dir.resolve("usr/local/bin/whoami"), Path.of("/only-in-image/busybox"));
        return dir;
    }
}
