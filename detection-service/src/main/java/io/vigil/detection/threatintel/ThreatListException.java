package io.vigil.detection.threatintel;

/** A threat-intelligence list that cannot be used: names the file, the line and the reason. Stops the service at start-up. */
public final class ThreatListException extends RuntimeException {

    public ThreatListException(String file, int line, String reason) {
        super("threat list " + file + (line > 0 ? ", line " + line : "") + ": " + reason);
    }
}
