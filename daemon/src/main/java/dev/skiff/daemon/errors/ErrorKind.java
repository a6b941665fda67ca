package dev.skiff.daemon.errors;

/**
 * The classes of failure the Engine API distinguishes. The HTTP layer maps each kind to
 * dockerd's status code in exactly one place ({@code dev.skiff.daemon.http.ErrorResponses}).
 */
public enum ErrorKind {
    /** Bad request: malformed JSON, invalid name, invalid filter, bad reference. */
    INVALID_PARAMETER,
    /** Credentials missing or refused (registry login). */
    UNAUTHORIZED,
    /** Operation not allowed on this object (e.g. removing a protected resource). */
    FORBIDDEN,
    /** No such container, image, exec instance or path. */
    NOT_FOUND,
    /** Name in use, image in use, container in the wrong state. */
    CONFLICT,
    /** Nothing to do (start of a running container, stop of a stopped one). */
    NOT_MODIFIED,
    /** Everything the daemon itself failed at (I/O, kernel, registry unreachable). */
    SYSTEM
}
