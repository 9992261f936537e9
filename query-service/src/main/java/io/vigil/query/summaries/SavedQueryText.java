package io.vigil.query.summaries;

import io.vigil.query.kql.KqlCompiler;

import java.util.ArrayList;
import java.util.List;

/** Reads a saved query file: the leading {@code //} lines give the title (the first) and the description. */
final class SavedQueryText {

    private SavedQueryText() {
    }

    static SavedQuery parse(String name, String text, String source, KqlCompiler compiler) {
        List<String> comments = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("//")) {
                break;
            }
            String comment = trimmed.substring(2).strip();
            if (!comment.isEmpty()) {
                comments.add(comment);
            }
        }
        String title = comments.isEmpty() ? name : comments.get(0);
        String description = String.join(" ", comments.subList(Math.min(1, comments.size()), comments.size()));
        return new SavedQuery(name, title, description, compiler.parameters(text), text, source);
    }
}
