package dev.skiff.it.harness;

import dev.skiff.it.harness.fixtures.FixtureImages;
import dev.skiff.it.harness.image.RegistryPusher;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Gives tests the suite's shared resources as parameters and prints the daemon logs of a failed
 * test. Parameter types:
 * <ul>
 *   <li>{@link RegistryServer}, {@link FixtureImages}: the suite's registry and fixtures;</li>
 *   <li>{@link RegistryPusher}: pushes to and reads from that registry (to check a push, or add an image);</li>
 *   <li>{@link SkiffDaemon}, {@link DockerCli}: the shared skiffd and a docker CLI bound to it;</li>
 *   <li>{@link PrivateDaemons}: starts daemons of the test's own, closed when the test ends.</li>
 * </ul>
 */
public final class SkiffExtension implements ParameterResolver, BeforeEachCallback, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SkiffExtension.class);
    private static final String LOG_OFFSET = "shared-daemon-log-offset";

    private static final Map<Class<?>, Supplier<Object>> SUITE_PARAMETERS = Map.of(
            RegistryServer.class, () -> SkiffSuite.get().registry(),
            FixtureImages.class, () -> SkiffSuite.get().fixtures(),
            RegistryPusher.class, () -> SkiffSuite.get().pusher(),
            SkiffDaemon.class, () -> SkiffSuite.get().daemon(),
            DockerCli.class, () -> SkiffSuite.get().daemon().cli());

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return SUITE_PARAMETERS.containsKey(type) || type == PrivateDaemons.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == PrivateDaemons.class) {
            // Stored in the test's own store, so JUnit closes it when that scope ends.
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(PrivateDaemons.class,
                    k -> new PrivateDaemons(SkiffSuite.get()), PrivateDaemons.class);
        }
        return SUITE_PARAMETERS.get(type).get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SkiffDaemon shared = SkiffSuite.get().startedDaemon();
        context.getStore(NAMESPACE).put(LOG_OFFSET, shared == null ? 0L : shared.logSize());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        SkiffDaemon shared = SkiffSuite.get().startedDaemon();
        if (shared != null) {
            Long offset = context.getStore(NAMESPACE).get(LOG_OFFSET, Long.class);
            printLog("shared skiffd (" + shared.dirs().root() + ")", context,
                    shared.readLogFrom(offset == null ? 0 : offset));
        }
        PrivateDaemons own = context.getStore(NAMESPACE).get(PrivateDaemons.class, PrivateDaemons.class);
        if (own != null) {
            own.started().forEach(d -> printLog("private skiffd (" + d.dirs().root() + ")", context, d.readLog()));
        }
    }

    private static void printLog(String which, ExtensionContext context, String log) {
        System.err.println("===== " + which + " log during " + context.getDisplayName() + " =====");
        System.err.println(log);
        System.err.println("===== end of " + which + " log =====");
    }
}
