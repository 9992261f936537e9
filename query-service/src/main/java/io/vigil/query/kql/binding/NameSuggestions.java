package io.vigil.query.kql.binding;

import java.util.Collection;
import java.util.Optional;

/**
 * The closest known name to a misspelt one, for "did you mean" hints. A name qualifies when it is at most two edits
 * away (one for names of up to four characters), so a typo such as {@code PProviderName} points at
 * {@code ProviderName} while unrelated names stay unmentioned.
 */
public final class NameSuggestions {

    private NameSuggestions() {
    }

    public static Optional<String> closest(String wanted, Collection<String> known) {
        int allowed = wanted.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - wanted.length()) > allowed) {
                continue;
            }
            int distance = editDistance(wanted.toLowerCase(), candidate.toLowerCase());
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance with two rolling rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
