package io.vigil.faults;

import io.vigil.faults.report.FaultReport;
import io.vigil.faults.scenarios.FaultOptions;
import io.vigil.faults.scenarios.FaultRun;

/** The command: runs the faults, prints the report, exits 0 only when every invariant held. */
public final class FaultSuite {

    /**
     * Held so that the levels stay set: the MQTT client logs every connection at INFO, and every refused reconnect
     * during a broker restart with a stack trace; the harness reports what matters itself.
     */
    private static final java.util.logging.Logger VERTX_LOG = java.util.logging.Logger.getLogger("io.vertx");
    private static final java.util.logging.Logger MQTT_CLIENT_LOG = java.util.logging.Logger.getLogger("io.vertx.mqtt");

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        VERTX_LOG.setLevel(java.util.logging.Level.WARNING);
        MQTT_CLIENT_LOG.setLevel(java.util.logging.Level.OFF);
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(FaultOptions.USAGE);
            return;
        }
        FaultOptions options;
        try {
            options = FaultOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        FaultReport report = new FaultRun(options, System.out).run();
        System.out.println();
        report.print(System.out);
        System.exit(report.passed() ? 0 : 1);
    }
}
