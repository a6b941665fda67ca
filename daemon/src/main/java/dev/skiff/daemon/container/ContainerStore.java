package dev.skiff.daemon.container;

import dev.skiff.daemon.store.AtomicFiles;
import dev.skiff.runtime.files.FileTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers on disk: {@code <data-root>/containers/<id>/} with {@code config.v2.json} (the record,
 * replaced atomically), {@code hostname}, {@code hosts}, {@code resolv.conf}, {@code <id>-json.log} and
 * the writable layer's {@code upper/} and {@code work/}. A directory without its config is a create that
 * never finished; a {@code .removing-<id>} directory is a removal that did not finish. Both are deleted
 * at load.
 */
final class ContainerStore {
    private static final String CONFIG = "config.v2.json";
    private static final String REMOVING = ".removing-";

    private final Path root;

    ContainerStore(Path root) {
        this.root = root;
    }

    Path dir(String id) {
        return root.resolve(id);
    }

    Path logPath(String id) {
        return dir(id).resolve(id + "-json.log");
    }

    Path hostnamePath(String id) {
        return dir(id).resolve("hostname");
    }

    Path hostsPath(String id) {
        return dir(id).resolve("hosts");
    }

    Path resolvConfPath(String id) {
        return dir(id).resolve("resolv.conf");
    }

    Path upperDir(String id) {
        return dir(id).resolve("upper");
    }

    Path workDir(String id) {
        return dir(id).resolve("work");
    }

    /**
     * Lays out a new container's directory; the record is written last, which makes it exist (its
     * atomic write also syncs the directory, so the files before it need only their data synced).
     */
    void create(ContainerRecord r, String hosts, String resolvConf) throws IOException {
        Path dir = dir(r.id());
        Files.createDirectories(dir);
        Files.createDirectories(upperDir(r.id()));
        Files.createDirectories(workDir(r.id()));
        AtomicFiles.writeNew(hostnamePath(r.id()), (r.config().hostname() + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeNew(hostsPath(r.id()), hosts.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeNew(resolvConfPath(r.id()), resolvConf.getBytes(StandardCharsets.UTF_8));
        save(r);
        AtomicFiles.syncDirectory(root);
    }

    void save(ContainerRecord r) throws IOException {
        AtomicFiles.write(dir(r.id()).resolve(CONFIG), ContainerJson.MAPPER.writeValueAsBytes(r));
    }

    /** Every complete container; leftovers of interrupted creates and removals are cleaned up. */
    List<ContainerRecord> loadAll() throws IOException {
        Files.createDirectories(root);
        List<ContainerRecord> out = new ArrayList<>();
        List<Path> garbage = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) {
                    continue;
                }
                Path config = d.resolve(CONFIG);
                if (d.getFileName().toString().startsWith(REMOVING) || !Files.exists(config)) {
                    garbage.add(d);
                    continue;
                }
                out.add(ContainerJson.MAPPER.readValue(config.toFile(), ContainerRecord.class));
            }
        }
        for (Path g : garbage) {
            FileTrees.delete(g);
        }
        return out;
    }

    /** Removes a container's directory: first renamed aside (atomic), then deleted. */
    void delete(String id) throws IOException {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        Path aside = root.resolve(REMOVING + id);
        AtomicFiles.moveDurably(dir, aside);
        FileTrees.delete(aside);
    }

    /** Bytes used by the writable layer ({@code SizeRw}). */
    long upperSize(String id) {
        long[] total = {0};
        try {
            Files.walkFileTree(upperDir(id), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return 0;
        }
        return total[0];
    }

}
