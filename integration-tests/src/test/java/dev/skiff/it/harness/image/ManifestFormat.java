package dev.skiff.it.harness.image;

/** The two manifest dialects registries serve: Docker's schema 2 and OCI's image spec. */
public enum ManifestFormat {
    DOCKER("application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.diff.tar"),
    OCI("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar");

    private final String manifest;
    private final String index;
    private final String config;
    private final String gzipLayer;
    private final String tarLayer;

    ManifestFormat(String manifest, String index, String config, String gzipLayer, String tarLayer) {
        this.manifest = manifest;
        this.index = index;
        this.config = config;
        this.gzipLayer = gzipLayer;
        this.tarLayer = tarLayer;
    }

    public String manifestMediaType() {
        return manifest;
    }

    /** OCI image index, or Docker manifest list. */
    public String indexMediaType() {
        return index;
    }

    public String configMediaType() {
        return config;
    }

    public String layerMediaType(boolean gzipped) {
        return gzipped ? gzipLayer : tarLayer;
    }
}
