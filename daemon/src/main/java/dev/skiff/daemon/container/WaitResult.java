package dev.skiff.daemon.container;

/**
 * The body of a wait answer.
 *
 * @param statusCode the exit status
 * @param error      the container's error message, or null
 */
public record WaitResult(int statusCode, String error) {
}
