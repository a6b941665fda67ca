package dev.skiff.daemon.image;

/** One line of dockerd's image delete response: exactly one of the two is set. */
public record DeleteRecord(String untagged, String deleted) {
    public static DeleteRecord untagged(String reference) {
        return new DeleteRecord(reference, null);
    }

    public static DeleteRecord deleted(String id) {
        return new DeleteRecord(null, id);
    }
}
