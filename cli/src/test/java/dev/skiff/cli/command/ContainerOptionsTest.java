package dev.skiff.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.ApiVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerOptionsTest {
    private static ContainerOptions options(Map<String, String> env, String... args) throws UsageException {
        ParsedArgs parsed = new RunCommand().spec().parser().parse(List.of(args));
        return ContainerOptions.from(parsed, env);
    }

    @Test
    void plainRunBodyMatchesTheDockerBaseline() throws UsageException {
        JsonNode body = options(Map.of(), "--rm", "busybox", "echo", "hi").createBody(true);
        assertEquals("busybox", body.path("Image").asText());
        assertEquals("[\"echo\",\"hi\"]", body.path("Cmd").toString());
        assertTrue(body.path("AttachStdout").asBoolean());
        assertTrue(body.path("AttachStderr").asBoolean());
        assertFalse(body.path("AttachStdin").asBoolean());
        assertFalse(body.path("OpenStdin").asBoolean());
        assertTrue(body.path("Env").isNull());
        assertTrue(body.path("Entrypoint").isNull());
        assertTrue(body.path("HostConfig").path("AutoRemove").asBoolean());
        assertEquals("default", body.path("HostConfig").path("NetworkMode").asText());
        assertEquals("no", body.path("HostConfig").path("RestartPolicy").path("Name").asText());
    }

    @Test
    void flagsMapToTheirFields() throws UsageException {
        ContainerOptions o = options(Map.of("FROMCLI", "yes"), "-e", "FOO=bar", "-e", "FROMCLI", "-e", "UNSETVAR",
                "-w", "/tmp/newdir", "-u", "1000", "--name", "named", "--entrypoint", "echo", "-i", "-l", "tier=demo",
                "busybox", "from-entrypoint", "arg2");
        JsonNode body = o.createBody(true);
        assertEquals("named", o.name());
        assertEquals("[\"FOO=bar\",\"FROMCLI=yes\",\"UNSETVAR\"]", body.path("Env").toString());
        assertEquals("/tmp/newdir", body.path("WorkingDir").asText());
        assertEquals("1000", body.path("User").asText());
        assertEquals("[\"echo\"]", body.path("Entrypoint").toString());
        assertEquals("[\"from-entrypoint\",\"arg2\"]", body.path("Cmd").toString());
        assertEquals("demo", body.path("Labels").path("tier").asText());
        assertTrue(body.path("AttachStdin").asBoolean());
        assertTrue(body.path("OpenStdin").asBoolean());
        assertTrue(body.path("StdinOnce").asBoolean());
        assertFalse(body.path("HostConfig").path("AutoRemove").asBoolean());
    }

    @Test
    void detachAttachesNothingAndEmptyEntrypointClears() throws UsageException {
        JsonNode body = options(Map.of(), "-d", "--entrypoint", "", "busybox").createBody(true);
        assertFalse(body.path("AttachStdout").asBoolean());
        assertFalse(body.path("AttachStderr").asBoolean());
        assertEquals("[\"\"]", body.path("Entrypoint").toString());
        assertTrue(body.path("Cmd").isNull());
    }

    @Test
    void oldApiVersionsLeaveRemovalToTheClient() throws UsageException {
        assertFalse(options(Map.of(), "--rm", "busybox").createBody(false).path("HostConfig").path("AutoRemove").asBoolean());
        assertEquals(new WaitPlan(true, "removed"), WaitPlan.of(new ApiVersion(1, 41), false, true));
        assertEquals(new WaitPlan(true, "next-exit"), WaitPlan.of(new ApiVersion(1, 30), false, false));
        WaitPlan old = WaitPlan.of(new ApiVersion(1, 29), false, true);
        assertNull(old.condition(), "no conditions: wait after the output ends");
        assertTrue(old.clientRemoves(true));
        assertFalse(old.clientRemoves(false));
        assertTrue(WaitPlan.of(new ApiVersion(1, 25), true, true).autoRemoveByDaemon(), "detached: AutoRemove from 1.25");
        assertFalse(WaitPlan.of(new ApiVersion(1, 24), true, true).autoRemoveByDaemon());
    }

    @Test
    void startFailuresMapToShellStyleStatuses() {
        assertEquals(127, StartFailure.exitStatus("exec: \"/nonexistent\": stat /nonexistent: no such file or directory: unknown"));
        assertEquals(127, StartFailure.exitStatus("exec: \"nope\": executable file not found in $PATH"));
        assertEquals(126, StartFailure.exitStatus("exec: \"/etc/passwd\": permission denied: unknown"));
        assertEquals(125, StartFailure.exitStatus("cgroup setup failed"));
    }

    @Test
    void publishedPortsAndTheNetworkAreSentAsTheDockerCliSendsThem() throws UsageException {
        JsonNode body = options(Map.of(), "-p", "8080:80", "-p", "127.0.0.1::53/udp", "-p", "[::1]:9000-9001:90-91",
                "-p", "7000-7010:70", "-p", "443", "-P", "--network", "host", "busybox").createBody(true);
        assertEquals("{\"80/tcp\":{},\"53/udp\":{},\"90/tcp\":{},\"91/tcp\":{},\"70/tcp\":{},\"443/tcp\":{}}",
                body.path("ExposedPorts").toString());
        JsonNode host = body.path("HostConfig");
        assertEquals("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}],"
                + "\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],"
                + "\"90/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"9000\"}],"
                + "\"91/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"9001\"}],"
                + "\"70/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"7000-7010\"}],"
                + "\"443/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}", host.path("PortBindings").toString());
        assertTrue(host.path("PublishAllPorts").asBoolean());
        assertEquals("host", host.path("NetworkMode").asText());
    }

    @Test
    void badPortSpecsAreUsageErrors() {
        for (String[] c : new String[][] {{"http", "invalid containerPort: http"}, {"80:99999", "invalid containerPort: 99999"},
                {"x:80", "invalid hostPort: x"}, {"80/icmp", "invalid proto: icmp"},
                {"8000-8002:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8000-8002"}}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> options(Map.of(), "-p", c[0], "busybox"));
            assertEquals(c[1], e.getMessage());
        }
    }
}
