package dev.skiff.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.ClientVersion;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.ApiVersion;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.format.TabWriter;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code skiff version}: the client, then the daemon's engine and components, laid out like docker's. */
public final class VersionCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("version", "", "Show the skiff version information", 0, 0);
    /** Go's time.ANSIC, which docker uses for the "Built" line. */
    private static final DateTimeFormatter ANSIC = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException {
        // The client section is printed even when the daemon cannot be reached, as docker does.
        ApiVersion used;
        try {
            used = ctx.engine().apiVersion();
        } catch (IOException e) {
            ctx.out().print(client(null));
            throw e;
        }
        ctx.out().print(client(used));
        ctx.out().println();
        ctx.out().print(server(ctx.engine().version()));
        return 0;
    }

    static String client(ApiVersion used) {
        String api = used == null || used.equals(ApiVersion.CLIENT)
                ? ApiVersion.CLIENT.toString()
                : used + " (downgraded from " + ApiVersion.CLIENT + ")";
        TabWriter t = new TabWriter(20, 1).line("Client:");
        t.line(" Version:\t" + ClientVersion.current());
        t.line(" API version:\t" + api);
        t.line(" Java version:\t" + System.getProperty("java.version"));
        t.line(" OS/Arch:\tlinux/" + goArch(System.getProperty("os.arch")));
        return t.render();
    }

    static String server(JsonNode v) {
        String platform = v.path("Platform").path("Name").asText("");
        TabWriter t = new TabWriter(20, 1).line(platform.isEmpty() ? "Server:" : "Server: " + platform);
        JsonNode engineDetails = null;
        for (JsonNode c : v.path("Components")) {
            if (c.path("Name").asText().equals("Engine")) {
                engineDetails = c.path("Details");
            }
        }
        t.line(" Engine:");
        t.line("  Version:\t" + v.path("Version").asText(""));
        t.line("  API version:\t" + v.path("ApiVersion").asText("")
                + " (minimum version " + v.path("MinAPIVersion").asText("") + ")");
        t.line("  Go version:\t" + v.path("GoVersion").asText(""));
        t.line("  Git commit:\t" + v.path("GitCommit").asText(""));
        t.line("  Built:\t" + builtTime(v.path("BuildTime").asText("")));
        t.line("  OS/Arch:\t" + v.path("Os").asText("") + "/" + v.path("Arch").asText(""));
        t.line("  Experimental:\t" + (engineDetails != null
                ? engineDetails.path("Experimental").asText("false")
                : v.path("Experimental").asText("false")));
        for (JsonNode c : v.path("Components")) {
            String name = c.path("Name").asText("");
            if (name.equals("Engine")) {
                continue;
            }
            t.line(" " + name + ":");
            t.line("  Version:\t" + c.path("Version").asText(""));
            t.line("  GitCommit:\t" + c.path("Details").path("GitCommit").asText(""));
        }
        return t.render();
    }

    /** The daemon sends RFC 3339; docker prints it in ANSI C form. Anything else is shown as sent. */
    static String builtTime(String sent) {
        try {
            return OffsetDateTime.parse(sent).atZoneSameInstant(ZoneOffset.UTC).format(ANSIC);
        } catch (DateTimeParseException e) {
            return sent;
        }
    }

    private static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }
}
