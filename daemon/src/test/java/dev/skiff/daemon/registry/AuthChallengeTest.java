package dev.skiff.daemon.registry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthChallengeTest {
    @Test
    void parsesDockerHubBearerChallenge() {
        List<AuthChallenge> c = AuthChallenge.parseAll(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/busybox:pull\",error=\"insufficient_scope\""));
        assertEquals(1, c.size());
        assertEquals("bearer", c.get(0).scheme());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull", "error", "insufficient_scope"), c.get(0).parameters());
    }

    @Test
    void parsesSeveralChallengesTokensAndEscapes() {
        List<AuthChallenge> c = AuthChallenge.parseAll(List.of(
                "Basic realm=\"my \\\"registry\\\"\", Bearer realm=https://h/token , service=h"));
        assertEquals(2, c.size());
        assertEquals("basic", c.get(0).scheme());
        assertEquals("my \"registry\"", c.get(0).parameter("realm"));
        assertEquals("bearer", c.get(1).scheme());
        assertEquals("https://h/token", c.get(1).parameter("realm"));
        assertEquals("h", c.get(1).parameter("service"));
    }

    @Test
    void credentialsFromXRegistryAuth() {
        assertSame(RegistryCredentials.ANONYMOUS, RegistryCredentials.fromHeader("e30="));   // {}
        assertSame(RegistryCredentials.ANONYMOUS, RegistryCredentials.fromHeader(null));
        assertSame(RegistryCredentials.ANONYMOUS, RegistryCredentials.fromHeader("%%%not base64"));

        RegistryCredentials c = RegistryCredentials.fromHeader(b64url("{\"username\":\"u\",\"password\":\"p?>\"}"));
        assertTrue(c.hasBasic());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("u:p?>".getBytes(StandardCharsets.UTF_8)),
                c.basicHeader());

        RegistryCredentials fromAuth = RegistryCredentials.fromHeader(
                b64url("{\"auth\":\"" + Base64.getEncoder().encodeToString("joe:secret".getBytes()) + "\"}"));
        assertEquals("joe", fromAuth.username());
        assertEquals("secret", fromAuth.password());

        RegistryCredentials token = RegistryCredentials.fromHeader(b64url("{\"registrytoken\":\"t0k\"}"));
        assertFalse(token.hasBasic());
        assertEquals("t0k", token.registryToken());
        assertNull(token.username());
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
