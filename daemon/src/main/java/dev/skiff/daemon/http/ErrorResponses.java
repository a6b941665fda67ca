package dev.skiff.daemon.http;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The one place where error kinds become dockerd's status codes. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static HttpResponseStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_PARAMETER -> HttpResponseStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpResponseStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case NOT_MODIFIED -> HttpResponseStatus.NOT_MODIFIED;
            case SYSTEM -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** Anything that is not an EngineException is the daemon's own failure. */
    public static EngineException classify(Throwable t) {
        if (t instanceof EngineException e) {
            return e;
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return EngineException.system(msg, t);
    }
}
