package dev.skiff.daemon.registry;

import java.util.List;

/** Manifest and layer media types of Docker schema 2 and the OCI image spec. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

    /** What we ask a registry for, in order of preference. */
    public static final List<String> ACCEPTED_MANIFESTS =
            List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX);

    public static final List<String> IMAGE_CONFIGS = List.of(DOCKER_CONFIG, OCI_CONFIG);

    private MediaTypes() {
    }
}
