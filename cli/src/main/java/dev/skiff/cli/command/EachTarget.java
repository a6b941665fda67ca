package dev.skiff.cli.command;

import dev.skiff.cli.engine.DaemonErrorException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an action for every name of a multi-target command (stop a b c): a daemon error is printed
 * and the next name is tried, as the docker CLI does.
 */
final class EachTarget {
    interface Action {
        void apply(String target) throws IOException, DaemonErrorException;
    }

    private EachTarget() {
    }

    /**
     * @param ignoreNotFound whether a 404 still counts as success (rm -f, rmi -f): the error is
     *                       printed but does not fail the command
     * @return the targets that failed
     */
    static List<String> run(List<String> targets, CliContext ctx, boolean ignoreNotFound, Action action)
            throws IOException {
        List<String> failed = new ArrayList<>();
        for (String target : targets) {
            try {
                action.apply(target);
            } catch (DaemonErrorException e) {
                ctx.printDaemonError(e);
                if (!(ignoreNotFound && e.isNotFound())) {
                    failed.add(target);
                }
            }
        }
        return failed;
    }
}
