package dev.skiff.daemon.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials a client sent for one request in {@code X-Registry-Auth}: base64url of the JSON
 * AuthConfig ({@code username}, {@code password}, {@code auth}, {@code identitytoken},
 * {@code registrytoken}). As dockerd does for pulls, an undecodable header means anonymous.
 */
public record RegistryCredentials(String username, String password, String registryToken) {
    public static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RegistryCredentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(header.trim());
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                return ANONYMOUS;
            }
            String user = text(n, "username");
            String pass = text(n, "password");
            String auth = text(n, "auth");
            if (user == null && auth != null) {
                String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    user = pair.substring(0, colon);
                    pass = pair.substring(colon + 1);
                }
            }
            String token = text(n, "registrytoken");
            if (user == null && token == null) {
                return ANONYMOUS;
            }
            return new RegistryCredentials(user, pass, token);
        } catch (Exception e) {
            return ANONYMOUS;
        }
    }

    public boolean hasBasic() {
        return username != null;
    }

    /** "Basic base64(user:pass)". */
    public String basicHeader() {
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + (username == null ? "anonymous" : username) + "]";
    }
}
