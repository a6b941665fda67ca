package dev.skiff.cli.engine;

import dev.skiff.cli.engine.model.WaitResponse;
import dev.skiff.cli.http.HttpResponse;

import java.io.Closeable;
import java.io.IOException;

/**
 * A {@code wait} whose headers have arrived (so the daemon has registered it) and whose body
 * arrives when the container reaches the condition.
 */
public final class PendingWait implements Closeable {
    private final HttpResponse response;

    PendingWait(HttpResponse response) {
        this.response = response;
    }

    public WaitResponse await() throws IOException {
        return EngineJson.MAPPER.readValue(response.readBody(), WaitResponse.class);
    }

    @Override
    public void close() throws IOException {
        response.close();
    }
}
