package dev.skiff.cli.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/** Extracts the message of an error answer the way the docker CLI reads it. */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static String message(int status, String reason, String contentType, byte[] body, String target) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return "request returned " + status + " " + reason + " for API route and version http://"
                    + "api.moby.localhost" + target + ", check if the server supports the requested API version";
        }
        if (!contentType.startsWith("application/json")) {
            return text;
        }
        try {
            JsonNode json = EngineJson.MAPPER.readTree(text);
            return json.path("message").asText("");
        } catch (JsonProcessingException e) {
            return "Error reading JSON: " + e.getOriginalMessage();
        }
    }
}
