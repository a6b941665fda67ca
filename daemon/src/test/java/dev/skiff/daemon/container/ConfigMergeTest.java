package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigMergeTest {
    private static final ImageForContainer.ImageConfig IMAGE = new ImageForContainer.ImageConfig(
            List.of("PATH=/bin", "LANG=C"), List.of("nginx", "-g", "daemon off;"), List.of("/entry.sh"), "/srv",
            "www", "SIGQUIT", Map.of("80/tcp", Map.of()), Map.of("maintainer", "x"), null);

    private static ContainerConfig requested(List<String> cmd, List<String> entrypoint, List<String> env) {
        return new ContainerConfig("", "", "", false, true, true, null, false, false, false, env, cmd, "img",
                null, "", entrypoint, null, Map.of("tier", "demo"), null, null);
    }

    @Test
    void imageDefaultsFillWhatTheClientLeftEmpty() {
        ContainerConfig c = ConfigMerge.merge(requested(null, null, null), IMAGE, "img", "abcdef012345");
        assertEquals(List.of("/entry.sh"), c.entrypoint());
        assertEquals(List.of("nginx", "-g", "daemon off;"), c.cmd());
        assertEquals("/srv", c.workingDir());
        assertEquals("www", c.user());
        assertEquals("SIGQUIT", c.stopSignal());
        assertEquals("abcdef012345", c.hostname());
        assertEquals(Map.of("maintainer", "x", "tier", "demo"), c.labels());
        assertEquals(List.of("PATH=/bin", "LANG=C"), c.env());
    }

    @Test
    void aClientEntrypointDropsTheImagesCmd() {
        ContainerConfig c = ConfigMerge.merge(requested(null, List.of("echo"), null), IMAGE, "img", "h");
        assertEquals(List.of("echo"), c.entrypoint());
        assertNull(c.cmd());
        ContainerConfig withArgs = ConfigMerge.merge(requested(List.of("a", "b"), List.of("echo"), null), IMAGE, "img", "h");
        assertEquals(List.of("echo", "a", "b"), CommandLine.argv(withArgs));
        ContainerConfig cmdOnly = ConfigMerge.merge(requested(List.of("ls"), null, null), IMAGE, "img", "h");
        assertEquals(List.of("/entry.sh", "ls"), CommandLine.argv(cmdOnly));
    }

    @Test
    void clientEnvComesFirstAndOverridesByName() {
        assertEquals(List.of("LANG=de", "FOO=bar", "UNSET", "PATH=/bin"),
                ConfigMerge.mergeEnv(List.of("LANG=de", "FOO=bar", "UNSET"), List.of("PATH=/bin", "LANG=C")));
    }

    @Test
    void noCommandAndRelativeWorkdirAreRejected() {
        ImageForContainer.ImageConfig empty = ImageForContainer.ImageConfig.EMPTY;
        assertEquals("No command specified", assertThrows(EngineException.class,
                () -> ConfigMerge.merge(requested(null, null, null), empty, "img", "h")).getMessage());
        ContainerConfig rel = new ContainerConfig("", "", "", false, false, false, null, false, false, false, null,
                List.of("ls"), "img", null, "tmp", null, null, null, null, null);
        assertEquals("the working directory 'tmp' is invalid, it needs to be an absolute path",
                assertThrows(EngineException.class, () -> ConfigMerge.merge(rel, empty, "img", "h")).getMessage());
    }

    @Test
    void commandColumnJoinsPathAndArgs() {
        assertEquals("sleep 1000", CommandLine.command("sleep", List.of("1000")));
        assertEquals("sh", CommandLine.command("sh", List.of()));
        assertEquals("sh -c echo hi", CommandLine.command("sh", List.of("-c", "echo hi")));
    }
}
