package io.banwatch.rules;

import io.banwatch.model.Level;

import java.util.List;

/**
 * A finding a pack raises beside its products' judgements, at a fixed level in every profile:
 * either a product recognised by its signals (UltraAV, which Kaspersky's US customers were moved
 * to), or a condition of the host (Kaspersky removed and nothing protecting the machine).
 *
 * @param id        stable id within the pack
 * @param vendor    the vendor named in the finding
 * @param name      the finding's product text
 * @param level     its level, the same in every profile
 * @param message   one sentence for people
 * @param milestone the milestone it relates to, or null
 * @param citation  the citation id behind it, or null
 * @param signals   what recognises it, when it is a product; empty for a condition
 * @param condition the condition, when it is not a product
 */
record Notice(String id, String vendor, String name, Level level, String message, Milestone milestone,
              String citation, List<Signal> signals, Condition condition) {

    /** Host conditions a notice can name. */
    enum Condition {
        /** Only remnants of the pack's vendor are left and no other antivirus or EDR is active. */
        UNPROTECTED_AFTER_REMOVAL
    }
}
