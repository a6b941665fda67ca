package dev.skiff.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.util.List;

/** One Engine API request as a route handler sees it. */
public interface ApiRequest {
    String method();

    /** The path without its version prefix, not decoded. */
    String path();

    /** The API version of the request: its prefix, or the current version when it has none. */
    String apiVersion();

    /** A URL-decoded path parameter of the matched route. */
    String pathParam(String name);

    /** The first value of a query parameter, or null. */
    String query(String name);

    /** Every value of a repeated query parameter, in order. */
    List<String> queryAll(String name);

    /** Docker's boolean query convention: "1", "true", "True" are true; absent is false. */
    boolean queryBool(String name);

    /** Like {@link #queryBool(String)} but with a default for an absent parameter. */
    boolean queryBool(String name, boolean absent);

    String header(String name);

    /** The request body as it arrives; it is never buffered whole. */
    InputStream body();

    /** The whole body as JSON; null when the body is empty. Malformed JSON is an invalid parameter. */
    JsonNode bodyJson();

    /** The whole body bound to a type; null when the body is empty. */
    <T> T bodyJson(Class<T> type);

    /** Runs {@code action} once the client's connection is gone (immediately if it already is). */
    void onClientGone(Runnable action);
}
