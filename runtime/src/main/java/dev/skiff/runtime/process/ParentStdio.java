package dev.skiff.runtime.process;

import dev.skiff.runtime.tty.Pty;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The daemon's ends of a process's stdio.
 *
 * @param stdin  null when stdin is not open
 * @param stderr null with a terminal
 * @param pty    the terminal, or null
 */
public record ParentStdio(OutputStream stdin, InputStream stdout, InputStream stderr, Pty pty) {
}
