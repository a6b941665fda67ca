package dev.skiff.daemon.pull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of a pull's JSON progress stream, shaped as dockerd's jsonmessage: absent fields are
 * left out, {@code progressDetail} is {@code {}} for per-layer status updates and missing for
 * plain messages ("Digest: ...", "Status: ...").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "progressDetail", "progress", "id"})
public record ProgressMessage(String status, Detail progressDetail, String progress, String id) {

    /** {"current":n,"total":m}; zero fields are omitted, so an empty detail renders as {}. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonPropertyOrder({"current", "total"})
    public record Detail(long current, long total) {
        static final Detail NONE = new Detail(0, 0);
    }

    /** A message without id or detail: "Digest: sha256:...", "Status: ...". */
    public static ProgressMessage message(String status) {
        return new ProgressMessage(status, null, null, null);
    }

    /** A message about an id without detail: "Pulling from library/busybox" for "latest". */
    public static ProgressMessage message(String id, String status) {
        return new ProgressMessage(status, null, null, id);
    }

    /** A per-layer state change: "Pulling fs layer", "Download complete", "Pull complete". */
    public static ProgressMessage update(String id, String status) {
        return new ProgressMessage(status, Detail.NONE, null, id);
    }

    /** Byte progress of a layer: "Downloading" or "Extracting" with a bar. */
    public static ProgressMessage progress(String id, String action, long current, long total) {
        return new ProgressMessage(action, new Detail(current, total), ProgressBar.render(current, total), id);
    }
}
