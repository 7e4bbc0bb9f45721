package io.banwatch.rules;

/** A rule pack or catalog that cannot be used; the message names the file, the rule and the field. */
public class RulePackException extends RuntimeException {
    public RulePackException(String message) {
        super(message);
    }

    public RulePackException(String message, Throwable cause) {
        super(message, cause);
    }
}
