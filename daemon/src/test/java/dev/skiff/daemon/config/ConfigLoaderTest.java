package dev.skiff.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaults() throws Exception {
        DaemonConfig c = ConfigLoader.load(new String[] {"--config-file", dir.resolve("none.json").toString()});
        assertEquals(DaemonConfig.DEFAULT_SOCKET, c.host());
        assertEquals(DaemonConfig.DEFAULT_DATA_ROOT, c.dataRoot());
        assertEquals(DaemonConfig.DEFAULT_EXEC_ROOT, c.execRoot());
        assertTrue(c.registryMirrors().isEmpty());
    }

    @Test
    void fileKeysHaveDockerdsMeaningAndFlagsOverrideThem() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, """
                {"registry-mirrors": ["http://127.0.0.1:5000"], "insecure-registries": ["127.0.0.1:5000"],
                 "data-root": "/srv/skiff", "exec-root": "/run/sk", "hosts": ["unix:///run/sk/api.sock"],
                 "log-opts": {"max-size": "10m", "max-file": "3"}}
                """, StandardCharsets.UTF_8);
        DaemonConfig c = ConfigLoader.load(new String[] {"--config-file", f.toString(), "--data-root=/var/tmp/x",
                "-H", "unix:///tmp/a.sock", "--log-level", "debug"});
        assertEquals(Path.of("/var/tmp/x"), c.dataRoot());
        assertEquals(Path.of("/run/sk"), c.execRoot());
        assertEquals(Path.of("/tmp/a.sock"), c.host());
        assertEquals(List.of("http://127.0.0.1:5000"), c.registryMirrors());
        assertEquals(List.of("127.0.0.1:5000"), c.insecureRegistries());
        assertEquals("debug", c.logLevel());
        assertEquals("10m", c.logOpts().get("max-size"));
    }

    @Test
    void malformedFileIsRefused() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\"data-root\": ");
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.load(new String[] {"--config-file", f.toString()}));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void badFlagsAreRefused() {
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--bogus", "1"}));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--host", "tcp://0.0.0.0:2375"}));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--log-level", "loud"}));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--data-root"}));
    }

    @Test
    void wrongTypesAreRefused() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\"registry-mirrors\": \"http://x\"}");
        assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.load(new String[] {"--config-file", f.toString()}));
    }
}
