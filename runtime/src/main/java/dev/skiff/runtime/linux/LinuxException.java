package dev.skiff.runtime.linux;

import java.io.IOException;

/** A failed system call: the operation (with its object) and errno. */
public final class LinuxException extends IOException {
    private final int errno;

    public LinuxException(String operation, int errno) {
        super(operation + ": " + Errno.text(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
