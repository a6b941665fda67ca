package dev.skiff.daemon.errors;

/**
 * A failure with an Engine API meaning. Services throw these; route handlers never pick status
 * codes themselves. The message is what the docker CLI prints after "Error response from daemon: ".
 */
public class EngineException extends RuntimeException {
    private final ErrorKind kind;

    public EngineException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EngineException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static EngineException invalidParameter(String message) {
        return new EngineException(ErrorKind.INVALID_PARAMETER, message);
    }

    public static EngineException notFound(String message) {
        return new EngineException(ErrorKind.NOT_FOUND, message);
    }

    public static EngineException conflict(String message) {
        return new EngineException(ErrorKind.CONFLICT, message);
    }

    public static EngineException notModified() {
        return new EngineException(ErrorKind.NOT_MODIFIED, "");
    }

    public static EngineException unauthorized(String message) {
        return new EngineException(ErrorKind.UNAUTHORIZED, message);
    }

    public static EngineException forbidden(String message) {
        return new EngineException(ErrorKind.FORBIDDEN, message);
    }

    public static EngineException system(String message) {
        return new EngineException(ErrorKind.SYSTEM, message);
    }

    public static EngineException system(String message, Throwable cause) {
        return new EngineException(ErrorKind.SYSTEM, message, cause);
    }
}
