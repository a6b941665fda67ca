package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker stats and docker update as recorded against dockerd (stats.txt, stats-no-stream.txt), on real cgroups. */
@SkiffTest
class ContainerStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            "CONTAINER ID   NAME   CPU %   MEM USAGE / LIMIT   MEM %   NET I/O   BLOCK I/O   PIDS";

    @Test
    void noStreamShowsTheMemoryLimitAndThePids(DockerCli docker) {
        String name = Containers.unique("statsmem");
        try {
            String id = docker.run("run", "-d", "--name", name, "-m", "64m", "busybox", "sleep", "1000")
                    .assertSuccess().stdout().trim();
            List<String> lines = docker.run("stats", "--no-stream", name).assertSuccess().stdoutLines();
            assertEquals(2, lines.size(), String.join("\n", lines));
            assertEquals(HEADER, lines.get(0).replaceAll(" {3,}", "   "));
            // CONTAINER ID, NAME, CPU %, MEM USAGE / LIMIT, MEM %, NET I/O, BLOCK I/O, PIDS
            String[] columns = lines.get(1).split(" {3,}");
            assertEquals(8, columns.length, lines.get(1));
            assertEquals(id.substring(0, 12), columns[0]);
            assertEquals(name, columns[1]);
            assertTrue(columns[2].matches("\\d+\\.\\d\\d%"), columns[2]);
            assertTrue(columns[3].matches("\\d+(\\.\\d+)?[KM]iB / 64MiB"), columns[3]);
            assertTrue(columns[4].matches("\\d+\\.\\d\\d%") && !columns[4].equals("0.00%"), columns[4]);
            assertTrue(columns[5].matches("\\d+(\\.\\d+)?k?B / \\d+(\\.\\d+)?k?B"), columns[5]);
            assertTrue(columns[6].matches("\\d+(\\.\\d+)?[kMG]?B / \\d+(\\.\\d+)?[kMG]?B"), columns[6]);
            assertTrue(Integer.parseInt(columns[7]) >= 1, columns[7]);

            String formatted = docker.run("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", id.substring(0, 12))
                    .assertSuccess().stdout();
            assertEquals(name + " 1\n", formatted);
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aBusyLoopShowsItsCpuPercentage(DockerCli docker) {
        String name = Containers.unique("statscpu");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c", "while :; do :; done").assertSuccess();
            String cpu = docker.run("stats", "--no-stream", "--format", "{{.CPUPerc}}", name).assertSuccess().stdout().trim();
            assertTrue(cpu.endsWith("%"), cpu);
            // one busy shell on a host of any size: a full CPU is 100%; the machine is shared, so only "clearly busy"
            assertTrue(Double.parseDouble(cpu.substring(0, cpu.length() - 1)) > 10, cpu);
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aStoppedContainerGivesZerosAtOnce(DockerCli docker, SkiffDaemon daemon) throws IOException {
        String name = Containers.unique("statsstopped");
        try {
            docker.run("run", "--name", name, "busybox", "true").assertSuccess();
            assertEquals(name + " 0.00% 0B / 0B 0\n", docker.run("stats", "--no-stream", "--format",
                    "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", name).assertSuccess().stdout());
            UnixHttp.Response r = UnixHttp.get(daemon.socket(), "/v1.41/containers/" + name + "/stats?stream=0");
            assertEquals(200, r.status());
            JsonNode doc = JSON.readTree(r.body());
            assertEquals("0001-01-01T00:00:00Z", doc.get("read").asText());
            assertEquals("/" + name, doc.get("name").asText());
            assertEquals(JSON.readTree("{}"), doc.get("memory_stats"));
            assertFalse(doc.has("networks"));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void noStreamPrimesTheCpuNumbersAndOneShotDoesNot(DockerCli docker, SkiffDaemon daemon) throws IOException {
        String name = Containers.unique("statsapi");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess();
            UnixHttp.Response primed = UnixHttp.get(daemon.socket(), "/v1.41/containers/" + name + "/stats?stream=0");
            assertEquals(200, primed.status());
            assertEquals("application/json", primed.headers().get("content-type"));
            JsonNode doc = JSON.readTree(primed.body());
            Duration apart = Duration.between(Instant.parse(doc.get("preread").asText()), Instant.parse(doc.get("read").asText()));
            assertTrue(apart.toMillis() >= 900, apart.toString());
            assertTrue(doc.get("precpu_stats").get("system_cpu_usage").asLong() > 0, doc.toString());
            assertEquals(memTotalBytes(), doc.get("memory_stats").get("limit").asLong(), "no limit: the host's memory");
            assertTrue(doc.get("memory_stats").get("stats").has("total_inactive_file"), doc.toString());

            long start = System.nanoTime();
            JsonNode oneShot = JSON.readTree(UnixHttp.get(daemon.socket(),
                    "/v1.41/containers/" + name + "/stats?stream=0&one-shot=1").body());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(900), "one-shot waits for nothing");
            assertEquals("0001-01-01T00:00:00Z", oneShot.get("preread").asText());
            assertFalse(oneShot.get("precpu_stats").has("system_cpu_usage"));

            UnixHttp.Response both = UnixHttp.get(daemon.socket(), "/v1.41/containers/" + name + "/stats?one-shot=1");
            assertEquals(400, both.status());
            assertEquals("cannot have stream=true and one-shot=true", JSON.readTree(both.body()).get("message").asText());
            assertEquals(404, UnixHttp.get(daemon.socket(), "/v1.41/containers/" + name + "-nosuch/stats").status());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aStreamSendsADocumentPerSecondUntilTheContainerIsRemoved(DockerCli docker, SkiffDaemon daemon)
            throws Exception {
        String name = Containers.unique("statsstream");
        docker.run("run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess();
        CompletableFuture<UnixHttp.Response> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return UnixHttp.get(daemon.socket(), "/v1.41/containers/" + name + "/stats");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(2500);
        assertFalse(stream.isDone(), "the stream runs while the container does");
        docker.run("rm", "-f", name).assertSuccess();
        UnixHttp.Response r = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(null, r.headers().get("content-type"), "dockerd sends the stream without one");
        List<JsonNode> docs = new ArrayList<>();
        for (String line : r.bodyText().split("\n")) {
            docs.add(JSON.readTree(line));
        }
        assertTrue(docs.size() >= 3, r.bodyText());
        assertEquals("0001-01-01T00:00:00Z", docs.get(0).get("preread").asText());
        assertEquals(0, docs.get(0).get("precpu_stats").get("cpu_usage").get("total_usage").asLong());
        assertEquals(docs.get(0).get("read").asText(), docs.get(1).get("preread").asText());
        assertEquals(docs.get(0).get("cpu_stats").get("cpu_usage").get("total_usage").asLong(),
                docs.get(1).get("precpu_stats").get("cpu_usage").get("total_usage").asLong());
        Duration apart = Duration.between(Instant.parse(docs.get(0).get("read").asText()),
                Instant.parse(docs.get(1).get("read").asText()));
        assertTrue(apart.toMillis() >= 900 && apart.toMillis() < 3000, apart.toString());
    }

    @Test
    void updateChangesTheCgroupAndTheRecordedHostConfig(DockerCli docker) throws IOException {
        String name = Containers.unique("update");
        try {
            String id = docker.run("run", "-d", "--name", name, "-m", "64m", "--cpu-shares", "256", "--pids-limit", "20",
                    "busybox", "sleep", "1000").assertSuccess().stdout().trim();
            assertEquals("256", cgroupFile("cpu", id, "cpu.shares"));
            assertEquals("20", cgroupFile("pids", id, "pids.max"));
            assertEquals(name + "\n", docker.run("update", "-m", "128m", "--cpus", "0.5", "--pids-limit", "50",
                    "--restart", "on-failure:3", name).assertSuccess().stdout());
            assertEquals("134217728", cgroupFile("memory", id, "memory.limit_in_bytes"));
            assertEquals("50000", cgroupFile("cpu", id, "cpu.cfs_quota_us"));
            assertEquals("100000", cgroupFile("cpu", id, "cpu.cfs_period_us"));
            assertEquals("50", cgroupFile("pids", id, "pids.max"));
            assertEquals("134217728 134217728 500000000 50 on-failure 3", Containers.inspect(docker, name,
                    "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} "
                            + "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
            assertTrue(docker.run("stats", "--no-stream", "--format", "{{.MemUsage}}", name).assertSuccess().stdout()
                    .endsWith(" / 128MiB\n"));

            // the record is what the next start applies
            docker.run("restart", "-t", "0", name).assertSuccess();
            assertEquals("134217728", cgroupFile("memory", id, "memory.limit_in_bytes"));
            assertEquals("50000", cgroupFile("cpu", id, "cpu.cfs_quota_us"));

            // -1 lifts the pids limit (recorded as 0, as dockerd does); a stopped container's update waits for its start
            docker.run("stop", "-t", "0", name).assertSuccess();
            docker.run("update", "--pids-limit", "-1", "--cpu-shares", "512", name).assertSuccess();
            assertEquals("0 512", Containers.inspect(docker, name, "{{.HostConfig.PidsLimit}} {{.HostConfig.CpuShares}}"));
            docker.run("start", name).assertSuccess();
            assertEquals("max", cgroupFile("pids", id, "pids.max"));
            assertEquals("512", cgroupFile("cpu", id, "cpu.shares"));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void badUpdatesAreRefusedWithDockerdsMessages(DockerCli docker) throws IOException {
        String plain = Containers.unique("updplain");
        String removed = Containers.unique("updrm");
        try {
            String id = docker.run("run", "-d", "--name", plain, "busybox", "sleep", "1000").assertSuccess().stdout().trim();
            CommandResult small = docker.run("update", "-m", "4m", plain);
            small.assertExitCode(1);
            assertEquals("Error response from daemon: Minimum memory limit allowed is 6MB\n", small.stderr());

            CommandResult noSwap = docker.run("update", "-m", "128m", plain);
            noSwap.assertExitCode(1);
            assertEquals("Error response from daemon: Cannot update container " + id + ": Memory limit should be "
                    + "smaller than already set memoryswap limit, update the memoryswap at the same time\n", noSwap.stderr());
            assertTrue(Long.parseLong(cgroupFile("memory", id, "memory.limit_in_bytes")) > (1L << 62),
                    "the refused limit was not written");

            String rmId = docker.run("run", "-d", "--rm", "--name", removed, "busybox", "sleep", "1000")
                    .assertSuccess().stdout().trim();
            CommandResult restart = docker.run("update", "--restart", "always", removed);
            restart.assertExitCode(1);
            assertEquals("Error response from daemon: Cannot update container " + rmId + ": Restart policy cannot be "
                    + "updated because AutoRemove is enabled for the container\n", restart.stderr());
        } finally {
            Containers.removeAll(docker, plain, removed);
        }
    }

    private static String cgroupFile(String controller, String id, String file) throws IOException {
        return Files.readString(Path.of("/sys/fs/cgroup", controller, "skiff", id, file)).trim();
    }

    private static long memTotalBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no MemTotal in /proc/meminfo");
    }
}
