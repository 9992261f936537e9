package io.vigil.stack.launcher;

/** A problem the user can fix: printed as one line, without a stack trace. */
public final class LauncherException extends RuntimeException {

    LauncherException(String message) {
        super(message);
    }
}
