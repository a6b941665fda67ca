package dev.skiff.daemon.stream;

/** The stream ids of the Engine API's multiplexed framing. */
public enum StreamType {
    STDIN(0), STDOUT(1), STDERR(2);

    private final int id;

    StreamType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
