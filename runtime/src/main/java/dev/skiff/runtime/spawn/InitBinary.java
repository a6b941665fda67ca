package dev.skiff.runtime.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The static init program shipped in this jar (built from src/main/c/skiff-init.c), installed into the
 * exec root at daemon start. Replaced atomically, so a container starting meanwhile never sees half a file.
 */
public final class InitBinary {
    static final String RESOURCE = "skiff-init";

    private final Path path;

    private InitBinary(Path path) {
        this.path = path;
    }

    public static InitBinary install(Path execRoot) throws IOException {
        Files.createDirectories(execRoot);
        Path target = execRoot.resolve(RESOURCE);
        Path temp = Files.createTempFile(execRoot, RESOURCE, ".tmp");
        try (InputStream in = InitBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("skiff-init is missing from the runtime jar (built by the Maven build)");
            }
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new InitBinary(target);
    }

    public Path path() {
        return path;
    }
}
