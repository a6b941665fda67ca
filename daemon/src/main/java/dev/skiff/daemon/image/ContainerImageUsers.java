package dev.skiff.daemon.image;

import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link ImageUsers} answered by the container service, through its public queries only. */
public final class ContainerImageUsers implements ImageUsers {
    private final ContainerService containers;

    public ContainerImageUsers(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public List<User> containersUsing(String imageId) {
        List<User> out = new ArrayList<>();
        for (String id : containers.containersUsingImage(imageId)) {
            try {
                Object state = containers.inspect(id, false).get("State");
                boolean running = state instanceof Map<?, ?> s && Boolean.TRUE.equals(s.get("Running"));
                out.add(new User(id, running));
            } catch (EngineException removedMeanwhile) {
                // the container went away between the two queries: it no longer uses the image
            }
        }
        return out;
    }
}
