package io.vigil.twin.query.semantic;

/** The collections a twin query can read. ({@code devices.jobs} is rejected before this point.) */
public enum TwinCollection {
    /** Device twins: rows whose module id is empty. */
    DEVICES,
    /** Module twins: rows with a module id. */
    MODULES
}
