package dev.skiff.daemon.system;

import dev.skiff.daemon.config.DaemonConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemServiceTest {
    private static final HostInfo HOST = new HostInfo("6.1.0", "Debian GNU/Linux 12 (bookworm)", "12", "amd64",
            "x86_64", 2, 1L << 34, "vm", "extfs");

    private SystemService service(List<String> mirrors, List<String> insecure) {
        DaemonConfig c = new DaemonConfig(Path.of("/s.sock"), Path.of("/var/lib/skiff"), Path.of("/run/skiff"),
                mirrors, insecure, "info", Map.of());
        return new SystemService(HOST, c, "ID", "2", () -> 3, () -> new ContainerCounts(4, 1, 1, 2), () -> 5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void registryConfigLooksLikeDockerds() {
        Map<String, Object> rc = service(List.of("http://127.0.0.1:5000"), List.of("127.0.0.1:5000", "10.0.0.0/8"))
                .registryConfig();
        assertEquals(List.of("http://127.0.0.1:5000/"), rc.get("Mirrors"));
        assertEquals(List.of("10.0.0.0/8", "127.0.0.0/8"), rc.get("InsecureRegistryCIDRs"));
        Map<String, Map<String, Object>> idx = (Map<String, Map<String, Object>>) rc.get("IndexConfigs");
        assertEquals(false, idx.get("127.0.0.1:5000").get("Secure"));
        assertEquals(List.of("http://127.0.0.1:5000/"), idx.get("docker.io").get("Mirrors"));
        assertEquals(true, idx.get("docker.io").get("Official"));
    }

    @Test
    void infoCarriesLiveCountsAndHostFacts() {
        Map<String, Object> info = service(List.of(), List.of()).info();
        assertEquals(4, info.get("Containers"));
        assertEquals(1, info.get("ContainersRunning"));
        assertEquals(1, info.get("ContainersPaused"));
        assertEquals(2, info.get("ContainersStopped"));
        assertEquals(3, info.get("Images"));
        assertEquals("overlay2", info.get("Driver"));
        assertEquals("2", info.get("CgroupVersion"));
        assertEquals("x86_64", info.get("Architecture"));
        assertEquals("/var/lib/skiff", info.get("DockerRootDir"));
        assertEquals(5, info.get("NEventsListener"));
    }

    @Test
    void versionAdvertisesTheApiRange() {
        Map<String, Object> v = service(List.of(), List.of()).version();
        assertEquals("1.41", v.get("ApiVersion"));
        assertEquals("1.24", v.get("MinAPIVersion"));
        assertEquals("amd64", v.get("Arch"));
    }

    @Test
    void engineIdHasDockerdsShape() {
        assertTrue(EngineId.generate(new SecureRandom()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"));
    }

    @Test
    void hostNamesFollowDockerdsSpelling() {
        assertEquals("amd64", HostInfo.goArch("amd64"));
        assertEquals("arm64", HostInfo.goArch("aarch64"));
        assertEquals("x86_64", HostInfo.machine("amd64"));
        assertEquals("extfs", HostInfo.backingFilesystemName("ext4"));
        assertEquals("xfs", HostInfo.backingFilesystemName("xfs"));
    }
}
