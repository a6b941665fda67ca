package dev.skiff.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.ClientVersion;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.api.units.HumanUnits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code skiff info}: the main lines of docker's info output, from {@code GET /info}. */
public final class InfoCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("info", "", "Display system-wide information", 0, 0);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException {
        ctx.out().println("Client:");
        ctx.out().println(" Version:    " + ClientVersion.current());
        ctx.out().println();
        ctx.out().print(server(ctx.engine().info()));
        return 0;
    }

    static String server(JsonNode i) {
        StringBuilder out = new StringBuilder("Server:\n");
        line(out, " Containers: ", i.path("Containers").asLong());
        line(out, "  Running: ", i.path("ContainersRunning").asLong());
        line(out, "  Paused: ", i.path("ContainersPaused").asLong());
        line(out, "  Stopped: ", i.path("ContainersStopped").asLong());
        line(out, " Images: ", i.path("Images").asLong());
        line(out, " Server Version: ", i.path("ServerVersion").asText(""));
        line(out, " Storage Driver: ", i.path("Driver").asText(""));
        for (JsonNode pair : i.path("DriverStatus")) {
            line(out, "  " + pair.path(0).asText("") + ": ", pair.path(1).asText(""));
        }
        line(out, " Logging Driver: ", i.path("LoggingDriver").asText(""));
        line(out, " Cgroup Driver: ", i.path("CgroupDriver").asText(""));
        line(out, " Cgroup Version: ", i.path("CgroupVersion").asText(""));
        out.append(" Plugins:\n");
        line(out, "  Volume: ", String.join(" ", texts(i.path("Plugins").path("Volume"))));
        line(out, "  Network: ", String.join(" ", texts(i.path("Plugins").path("Network"))));
        line(out, "  Log: ", String.join(" ", texts(i.path("Plugins").path("Log"))));
        line(out, " Kernel Version: ", i.path("KernelVersion").asText(""));
        line(out, " Operating System: ", i.path("OperatingSystem").asText(""));
        line(out, " OSType: ", i.path("OSType").asText(""));
        line(out, " Architecture: ", i.path("Architecture").asText(""));
        line(out, " CPUs: ", i.path("NCPU").asLong());
        line(out, " Total Memory: ", HumanUnits.bytesSize(i.path("MemTotal").asDouble()));
        line(out, " Name: ", i.path("Name").asText(""));
        line(out, " ID: ", i.path("ID").asText(""));
        line(out, " Docker Root Dir: ", i.path("DockerRootDir").asText(""));
        line(out, " Debug Mode: ", i.path("Debug").asBoolean());
        line(out, " Experimental: ", i.path("ExperimentalBuild").asBoolean());
        List<String> insecure = new ArrayList<>();
        i.path("RegistryConfig").path("IndexConfigs").forEach(index -> {
            if (!index.path("Secure").asBoolean(true)) {
                insecure.add(index.path("Name").asText());
            }
        });
        insecure.addAll(texts(i.path("RegistryConfig").path("InsecureRegistryCIDRs")));
        list(out, " Insecure Registries:", insecure);
        list(out, " Registry Mirrors:", texts(i.path("RegistryConfig").path("Mirrors")));
        line(out, " Live Restore Enabled: ", i.path("LiveRestoreEnabled").asBoolean());
        return out.toString();
    }

    private static void line(StringBuilder out, String label, Object value) {
        out.append(label).append(value).append('\n');
    }

    private static void list(StringBuilder out, String label, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        out.append(label).append('\n');
        values.forEach(v -> out.append("  ").append(v).append('\n'));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
