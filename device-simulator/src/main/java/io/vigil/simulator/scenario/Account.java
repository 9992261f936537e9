package io.vigil.simulator.scenario;

/** A local account a process or login runs as. */
public record Account(String userId, String userName) {

    public static final Account ROOT = new Account("0", "root");
    public static final Account WWW_DATA = new Account("33", "www-data");
}
