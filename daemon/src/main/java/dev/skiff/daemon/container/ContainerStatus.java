package dev.skiff.daemon.container;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The container states of the Engine API and the transitions between them. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, EXITED, REMOVING, DEAD;

    static {
        CREATED.next = EnumSet.of(RUNNING, REMOVING, DEAD);
        RUNNING.next = EnumSet.of(PAUSED, EXITED, RESTARTING, DEAD);
        PAUSED.next = EnumSet.of(RUNNING, EXITED, RESTARTING, DEAD);
        RESTARTING.next = EnumSet.of(RUNNING, EXITED, REMOVING, DEAD);
        EXITED.next = EnumSet.of(RUNNING, REMOVING, DEAD);
        REMOVING.next = EnumSet.of(DEAD);
        DEAD.next = EnumSet.of(REMOVING);
    }

    private Set<ContainerStatus> next;

    public boolean canBecome(ContainerStatus target) {
        return next.contains(target);
    }

    /** dockerd counts restarting and paused containers as running (they hold a process or will). */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }

    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ContainerStatus fromApiName(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
