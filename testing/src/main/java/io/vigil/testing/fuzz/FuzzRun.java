package io.vigil.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The settings of one fuzz run and the failures it collects. A run is reproducible: the seed (fixed by default, so
 * CI always runs the same inputs; {@code -Dvigil.fuzz.seed=<n>} for another) gives every iteration its own
 * {@link Random}, so a failure reported as "seed S, iteration I" comes back with the same seed whatever else changed.
 * {@code -Dvigil.fuzz.iterations=<n>} makes a longer run.
 */
public final class FuzzRun {

    public static final String SEED_PROPERTY = "vigil.fuzz.seed";
    public static final String ITERATIONS_PROPERTY = "vigil.fuzz.iterations";
    /** More failures than this say nothing new and only make the report unreadable. */
    private static final int MAX_REPORTED = 15;

    private final String name;
    private final long seed;
    private final int iterations;
    private final List<String> failures = new ArrayList<>();
    private int failureCount;

    private FuzzRun(String name, long seed, int iterations) {
        this.name = name;
        this.seed = seed;
        this.iterations = iterations;
    }

    /** A run named for its report, with the system properties' seed and iterations when given. */
    public static FuzzRun of(String name, long defaultSeed, int defaultIterations) {
        FuzzRun run = new FuzzRun(name, Long.getLong(SEED_PROPERTY, defaultSeed),
                Integer.getInteger(ITERATIONS_PROPERTY, defaultIterations));
        System.out.printf("fuzz %s: seed %d, %d iterations (-D%s=%d -D%s=%d to repeat)%n", name, run.seed,
                run.iterations, SEED_PROPERTY, run.seed, ITERATIONS_PROPERTY, run.iterations);
        return run;
    }

    public long seed() {
        return seed;
    }

    public int iterations() {
        return iterations;
    }

    /** The random source of one iteration: independent of how many values earlier iterations drew. */
    public Random random(int iteration) {
        return new Random(seed * 1_000_003L + iteration);
    }

    /** Records a broken invariant for the input of one iteration. */
    public void fail(int iteration, String input, String problem) {
        failureCount++;
        if (failures.size() < MAX_REPORTED) {
            failures.add("iteration " + iteration + ": " + problem + "\n  input: " + printable(input));
        }
    }

    public void fail(int iteration, String input, Throwable thrown) {
        StringBuilder trace = new StringBuilder(thrown.toString());
        StackTraceElement[] frames = thrown.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            trace.append("\n      at ").append(frames[i]);
        }
        fail(iteration, input, "threw " + trace);
    }

    public boolean failed() {
        return failureCount > 0;
    }

    /** Everything a developer needs to reproduce the failures: the seed, the iterations and the inputs. */
    public String report() {
        return "fuzz " + name + " (-D" + SEED_PROPERTY + "=" + seed + " -D" + ITERATIONS_PROPERTY + "=" + iterations
                + "): " + failureCount + " failing inputs" + (failureCount > failures.size() ? ", the first "
                + failures.size() + ":" : ":") + "\n" + String.join("\n", failures);
    }

    /** Java-escaped, so control characters, lone surrogates and trailing spaces of an input stay visible. */
    public static String printable(String input) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
