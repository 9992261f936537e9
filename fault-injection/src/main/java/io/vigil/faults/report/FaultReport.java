package io.vigil.faults.report;

import io.vigil.faults.check.StoredEvents;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run found: one row per fault, the totals, each fault's own measurements, and every broken invariant. The
 * run failed when any invariant broke.
 */
public record FaultReport(String header, List<PhaseResult> phases, StoredEvents.Tally total, long storedWithoutAcknowledgement,
                          List<String> findings, List<String> violations) {

    public boolean passed() {
        return violations.isEmpty();
    }

    public void print(PrintStream out) {
        String format = "%-18s %9s %9s %9s %6s %5s %9s %10s %9s%n";
        out.println(header);
        out.printf(Locale.ROOT, format, "fault", "messages", "rows", "stored", "dup", "lost", "unacked", "alerts", "recovery");
        for (PhaseResult phase : phases) {
            out.printf(Locale.ROOT, format, phase.fault(), phase.messages(), phase.rows().published(), phase.rows().stored(),
                    phase.rows().duplicated(), phase.rows().lost(), phase.unconfirmedMessages(),
                    phase.alerts().found() + "/" + phase.alerts().expected(),
                    !phase.recoveryExpected() ? "-" : phase.recoverySeconds().isPresent()
                            ? String.format(Locale.ROOT, "%.1f s", phase.recoverySeconds().getAsDouble()) : "none");
        }
        long messages = phases.stream().mapToLong(PhaseResult::messages).sum();
        long unconfirmed = phases.stream().mapToLong(PhaseResult::unconfirmedMessages).sum();
        int expected = phases.stream().mapToInt(p -> p.alerts().expected()).sum();
        int found = phases.stream().mapToInt(p -> p.alerts().found()).sum();
        out.printf(Locale.ROOT, format, "total", messages, total.published(), total.stored(), total.duplicated(), total.lost(),
                unconfirmed, found + "/" + expected, "");
        out.println("rows: what the messages the broker acknowledged must become (one per payload item); unacked: messages"
                + " whose PUBACK never came (" + storedWithoutAcknowledgement + " rows of them stored anyway);"
                + " alerts: found exactly once / expected");
        findings.forEach(out::println);
        if (violations.isEmpty()) {
            out.println("PASSED: nothing lost, nothing stored twice, every expected alert exactly once, twins agree.");
        } else {
            out.println("FAILED:");
            violations.forEach(v -> out.println("  " + v));
        }
    }

    /** The lines {@link #print} writes. */
    public List<String> lines() {
        var buffer = new java.io.ByteArrayOutputStream();
        print(new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        return new ArrayList<>(List.of(buffer.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")));
    }
}
