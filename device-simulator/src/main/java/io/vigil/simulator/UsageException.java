package io.vigil.simulator;

/** A command line the simulator cannot run; the message is one line saying what is wrong. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
