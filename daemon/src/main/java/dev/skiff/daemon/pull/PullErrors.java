package dev.skiff.daemon.pull;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.RegistryException;

/**
 * dockerd's translation of registry failures into API errors: access denied, unknown manifest
 * and unknown repository are 404s with the texts users know; everything else is a 500 carrying
 * the underlying message.
 */
final class PullErrors {
    static final String ROOTFS_MISMATCH = "layers from manifest don't match image configuration";

    private PullErrors() {
    }

    static EngineException translate(RegistryException e, Reference ref) {
        if (e.kind() == RegistryException.Kind.REGISTRY_ERROR && !e.errors().isEmpty()) {
            String cause = e.errors().get(0).describe();
            switch (e.firstCode()) {
                case "DENIED" -> {
                    return EngineException.notFound("pull access denied for " + ref.familiarName()
                            + ", repository does not exist or may require 'docker login': " + cause);
                }
                case "MANIFEST_UNKNOWN" -> {
                    return EngineException.notFound("manifest for " + ref.familiarString() + " not found: " + cause);
                }
                case "NAME_UNKNOWN" -> {
                    return EngineException.notFound("repository " + ref.familiarName() + " not found: " + cause);
                }
                default -> {
                }
            }
        }
        return EngineException.system(e.getMessage(), e);
    }
}
