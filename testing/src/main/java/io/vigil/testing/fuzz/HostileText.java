package io.vigil.testing.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Text that breaks naive SQL building: quotes of both kinds, backslashes, statement separators, comment starts,
 * dollar quoting and placeholders, and Unicode that is easy to mishandle (combining marks, right-to-left override,
 * astral characters, a lone surrogate, NUL). Generators put it inside string literals and quoted names.
 */
public final class HostileText {

    private static final List<String> PIECES = List.of(
            "'", "''", "\"", "\\", "\\'", "\\\\", ";", "; DROP TABLE workspace.security_alert; --", "--", "/*", "*/",
            "$$", "$1", "$2::text", "$tag$", "') OR 1=1 --", "\" OR \"\"=\"", "%", "_", "\\x27", "\\u0027", "e\u0301",
            "\u202e", "\u65e5\u672c", "\ud83d\ude00", "\ud83d", "\u0000", "\r\n", "\t", "\u00a0", "\ufeff", "\uffff",
            "{", "}", "[", "]", "(", ")", "|", "`", "```", "@", "\u201c", "\u201d", "\u2018", "\u2019", " ");

    private HostileText() {
    }

    /** One to four hostile pieces, joined. */
    public static String next(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }

    public static List<String> pieces() {
        return PIECES;
    }
}
