package dev.skiff.runtime.namespace;

/**
 * Runs a task on a fresh platform thread and waits for it. The thread changes its own namespaces (or
 * fs_struct) and dies with them: it is never reused and never starts threads (they would inherit its
 * namespaces).
 */
public final class NamespaceThread {
    private NamespaceThread() {
    }

    public static void run(Runnable task, String name) {
        join(start(task, name));
    }

    public static Thread start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    /** Waits even when interrupted (the task may have spawned a child that must not be lost). */
    public static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
