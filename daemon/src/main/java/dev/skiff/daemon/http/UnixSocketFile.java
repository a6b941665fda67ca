package dev.skiff.daemon.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/** The API socket's file: refuses to steal a live socket, replaces a stale one, sets 0660 root:docker. */
public final class UnixSocketFile {
    private UnixSocketFile() {
    }

    /** Thrown when another daemon answers on the socket. */
    public static final class SocketInUseException extends IOException {
        public SocketInUseException(String message) {
            super(message);
        }
    }

    /** Makes {@code path} free to bind: a live socket is an error, a stale one is removed. */
    public static void prepare(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (isLive(path)) {
            throw new SocketInUseException("another daemon is already listening on " + path
                    + "; stop it first, or start skiffd with --host unix://OTHER_PATH");
        }
        Files.delete(path);
    }

    static boolean isLive(Path path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Mode 0660 and, when the group exists, group {@code docker}, as dockerd does. */
    public static void restrict(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        try {
            GroupPrincipal docker = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName("docker");
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(docker);
        } catch (UserPrincipalNotFoundException e) {
            // no docker group on this host: root only
        }
    }
}
