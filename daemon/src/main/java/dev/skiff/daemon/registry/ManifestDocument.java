package dev.skiff.daemon.registry;

import dev.skiff.daemon.reference.Digest;

import java.util.List;

/** A manifest as fetched: either one image's manifest or an index of per-platform manifests. */
public sealed interface ManifestDocument {
    String mediaType();

    /** Digest of the exact bytes the registry served. */
    Digest digest();

    byte[] raw();

    record ImageManifest(String mediaType, Digest digest, byte[] raw, Descriptor config, List<Descriptor> layers)
            implements ManifestDocument {
    }

    record ImageIndex(String mediaType, Digest digest, byte[] raw, List<Descriptor> manifests)
            implements ManifestDocument {
    }
}
