package dev.skiff.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.EngineJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container settings shared by {@code create} and {@code run}, and the create body they
 * produce: the same shape the docker CLI sends, so the daemon sees one kind of request.
 */
record ContainerOptions(String image, List<String> command, String name, List<String> env, List<String> labels,
                        String workdir, String user, String hostname, String entrypoint, boolean entrypointSet,
                        boolean interactive, boolean autoRemove, boolean detach, ObjectNode exposedPorts,
                        ObjectNode portBindings, boolean publishAll, String network) {
    static final Flag ENV = Flag.list("env", 'e', "list", "Set environment variables");
    static final Flag LABEL = Flag.list("label", 'l', "list", "Set meta data on a container");
    static final Flag WORKDIR = Flag.value("workdir", 'w', "string", "Working directory inside the container");
    static final Flag NAME = Flag.value("name", (char) 0, "string", "Assign a name to the container");
    static final Flag USER = Flag.value("user", 'u', "string", "Username or UID (format: <name|uid>[:<group|gid>])");
    static final Flag HOSTNAME = Flag.value("hostname", 'h', "string", "Container host name");
    static final Flag ENTRYPOINT = Flag.value("entrypoint", (char) 0, "string", "Overwrite the default ENTRYPOINT of the image");
    static final Flag INTERACTIVE = Flag.bool("interactive", 'i', "Keep STDIN open even if not attached");
    static final Flag RM = Flag.bool("rm", (char) 0, "Automatically remove the container when it exits");
    static final Flag DETACH = Flag.bool("detach", 'd', "Run container in background and print container ID");
    static final Flag PUBLISH = Flag.list("publish", 'p', "list", "Publish a container's port(s) to the host");
    static final Flag PUBLISH_ALL = Flag.bool("publish-all", 'P', "Publish all exposed ports to random ports");
    static final Flag NETWORK = Flag.value("network", (char) 0, "network", "Connect a container to a network");

    static List<Flag> createFlags() {
        return List.of(ENV, LABEL, WORKDIR, NAME, USER, HOSTNAME, ENTRYPOINT, INTERACTIVE, RM, PUBLISH, PUBLISH_ALL,
                NETWORK);
    }

    static List<Flag> runFlags() {
        List<Flag> flags = new ArrayList<>(createFlags());
        flags.add(DETACH);
        return List.copyOf(flags);
    }

    /** @param hostEnv where a bare {@code -e NAME} takes its value from */
    static ContainerOptions from(ParsedArgs args, Map<String, String> hostEnv) throws UsageException {
        List<String> positionals = args.positionals();
        ObjectNode exposedPorts = EngineJson.MAPPER.createObjectNode();
        ObjectNode portBindings = EngineJson.MAPPER.createObjectNode();
        PortSpecs.addTo(args.values(PUBLISH.name()), exposedPorts, portBindings);
        return new ContainerOptions(
                positionals.get(0),
                positionals.subList(1, positionals.size()),
                args.value(NAME.name(), null),
                resolveEnv(args.values(ENV.name()), hostEnv),
                args.values(LABEL.name()),
                args.value(WORKDIR.name(), ""),
                args.value(USER.name(), ""),
                args.value(HOSTNAME.name(), ""),
                args.value(ENTRYPOINT.name(), ""),
                args.changed(ENTRYPOINT.name()),
                args.isSet(INTERACTIVE.name()),
                args.isSet(RM.name()),
                args.isSet(DETACH.name()),
                exposedPorts,
                portBindings,
                args.isSet(PUBLISH_ALL.name()),
                args.value(NETWORK.name(), "default"));
    }

    /** {@code NAME} alone takes the host's value when it has one and is passed through as is otherwise. */
    static List<String> resolveEnv(List<String> entries, Map<String, String> hostEnv) {
        List<String> resolved = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.contains("=") && hostEnv.containsKey(entry)) {
                resolved.add(entry + "=" + hostEnv.get(entry));
            } else {
                resolved.add(entry);
            }
        }
        return resolved;
    }

    /**
     * @param autoRemoveByDaemon false on API versions before 1.25, which lack AutoRemove: the
     *                           client then removes the container itself
     */
    ObjectNode createBody(boolean autoRemoveByDaemon) {
        ObjectNode body = EngineJson.MAPPER.createObjectNode();
        body.put("Hostname", hostname);
        body.put("Domainname", "");
        body.put("User", user);
        body.put("AttachStdin", interactive && !detach);
        body.put("AttachStdout", !detach);
        body.put("AttachStderr", !detach);
        body.put("Tty", false);
        body.put("OpenStdin", interactive);
        body.put("StdinOnce", interactive && !detach);
        if (env.isEmpty()) {
            body.putNull("Env");
        } else {
            env.forEach(body.putArray("Env")::add);
        }
        if (command.isEmpty()) {
            body.putNull("Cmd");
        } else {
            command.forEach(body.putArray("Cmd")::add);
        }
        body.put("Image", image);
        body.putObject("Volumes");
        body.put("WorkingDir", workdir);
        if (entrypointSet) {
            // An empty --entrypoint "" clears the image's entrypoint; the daemon reads [""] as that.
            body.putArray("Entrypoint").add(entrypoint);
        } else {
            body.putNull("Entrypoint");
        }
        body.putNull("OnBuild");
        ObjectNode labelMap = body.putObject("Labels");
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        if (!exposedPorts.isEmpty()) {
            body.set("ExposedPorts", exposedPorts.deepCopy());
        }
        ObjectNode host = body.putObject("HostConfig");
        host.put("NetworkMode", network);
        if (!portBindings.isEmpty()) {
            host.set("PortBindings", portBindings.deepCopy());
        }
        host.put("PublishAllPorts", publishAll);
        host.putObject("RestartPolicy").put("Name", "no").put("MaximumRetryCount", 0);
        host.put("AutoRemove", autoRemove && autoRemoveByDaemon);
        ArrayNode consoleSize = host.putArray("ConsoleSize");
        consoleSize.add(0).add(0);
        body.putObject("NetworkingConfig").putObject("EndpointsConfig");
        return body;
    }
}
