package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.Software;

/**
 * One piece of evidence with the extra software fields a signal may look at.
 *
 * @param evidence   the evidence itself
 * @param publisher  the software's publisher, or null for non-software evidence
 * @param identifier the software's identifier (bundle id, registry key), or null
 */
record Trace(Evidence evidence, String publisher, String identifier) {
    static Trace of(Software software) {
        return new Trace(Evidence.of(software), software.publisher(), software.identifier());
    }

    static Trace of(Evidence evidence) {
        return new Trace(evidence, null, null);
    }
}
