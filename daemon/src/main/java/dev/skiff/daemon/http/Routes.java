package dev.skiff.daemon.http;

/** A group of related routes (system, images, containers, ...) that registers itself. */
public interface Routes {
    void register(Router router);
}
