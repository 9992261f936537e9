package io.vigil.detection.rules;

/** A rule file that cannot be used: names the file, the rule and the reason. Stops the service at start-up. */
public final class RuleCatalogException extends RuntimeException {

    public RuleCatalogException(String source, String ruleId, String reason) {
        super("rule file " + source + (ruleId == null ? "" : ", rule " + ruleId) + ": " + reason);
    }
}
