package dev.skiff.daemon.container;

import java.time.Instant;
import java.util.List;

/**
 * Everything skiffd keeps about a container across restarts ({@code containers/<id>/config.v2.json}).
 * Immutable; each change is a new record, written to disk before anyone is told about it.
 *
 * @param path      the program (first word of Entrypoint + Cmd)
 * @param args      its arguments
 * @param lowerDirs the image's layer directories, topmost first, fixed at create
 * @param imageSize the image's size in bytes, for {@code SizeRootFs}
 */
public record ContainerRecord(String id, Instant created, String name, String path, List<String> args,
                              ContainerConfig config, HostConfig hostConfig, String imageId,
                              List<String> lowerDirs, long imageSize, ContainerState state, int restartCount,
                              boolean hasBeenStartedBefore, boolean hasBeenManuallyStopped) {

    ContainerRecord withState(ContainerState s) {
        return new ContainerRecord(id, created, name, path, args, config, hostConfig, imageId, lowerDirs, imageSize,
                s, restartCount, hasBeenStartedBefore || s.status() == ContainerStatus.RUNNING, hasBeenManuallyStopped);
    }

    ContainerRecord withName(String n) {
        return new ContainerRecord(id, created, n, path, args, config, hostConfig, imageId, lowerDirs, imageSize,
                state, restartCount, hasBeenStartedBefore, hasBeenManuallyStopped);
    }

    ContainerRecord withHostConfig(HostConfig h) {
        return new ContainerRecord(id, created, name, path, args, config, h, imageId, lowerDirs, imageSize,
                state, restartCount, hasBeenStartedBefore, hasBeenManuallyStopped);
    }

    ContainerRecord withRestartCount(int count) {
        return new ContainerRecord(id, created, name, path, args, config, hostConfig, imageId, lowerDirs, imageSize,
                state, count, hasBeenStartedBefore, hasBeenManuallyStopped);
    }

    ContainerRecord withManuallyStopped(boolean stopped) {
        return new ContainerRecord(id, created, name, path, args, config, hostConfig, imageId, lowerDirs, imageSize,
                state, restartCount, hasBeenStartedBefore, stopped);
    }
}
