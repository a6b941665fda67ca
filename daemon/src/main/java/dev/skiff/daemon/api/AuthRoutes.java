package dev.skiff.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryCredentials;
import dev.skiff.daemon.registry.RegistryException;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /auth} ({@code docker login}): checks the credentials against the registry; nothing is stored. */
public final class AuthRoutes implements Routes {
    private final RegistryClient registry;

    public AuthRoutes(RegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/auth", this::login);
    }

    private void login(ApiRequest req, ApiResponse res) {
        JsonNode body = req.bodyJson();
        if (body == null) {
            throw EngineException.invalidParameter("Bad parameters and missing X-Registry-Auth: EOF");
        }
        RegistryCredentials credentials = new RegistryCredentials(text(body, "username"), text(body, "password"), null);
        try {
            registry.login(domain(text(body, "serveraddress")), credentials);
        } catch (RegistryException e) {
            throw EngineException.unauthorized(e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("IdentityToken", "");
        out.put("Status", "Login Succeeded");
        res.json(200, out);
    }

    /** "https://index.docker.io/v1/", "localhost:5000", "http://host:port/" -> the registry's domain. */
    static String domain(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return Reference.DEFAULT_DOMAIN;
        }
        String s = serverAddress.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? Reference.DEFAULT_DOMAIN : host;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }
}
