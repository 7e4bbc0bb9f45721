package io.banwatch.rules;

import io.banwatch.model.Level;

import java.util.List;
import java.util.Set;

/**
 * Software a pack requires (an active EDR, a disk-encryption agent): its absence from a host is a
 * finding of kind {@code requirement}, under the profiles named, from a milestone on.
 *
 * @param id                   stable id within the pack; the finding's rule id is {@code <pack id>:<id>}
 * @param name                 what is required, for the finding, e.g. "an active EDR"
 * @param vendor               the vendor named in the finding
 * @param profiles             the profiles it applies to
 * @param from                 the milestone from which it is required, or null for always
 * @param level                the finding's level when it is missing
 * @param message              one sentence for people; {@code {since}} is replaced by {@code from}'s date
 * @param signals              traces that satisfy it (a running service, a package…); may be empty
 *                             when {@code securityProductKinds} is given
 * @param securityProductKinds it is satisfied, too, by any active security product of these kinds
 *                             ({@code edr}, {@code antivirus}), as the OS reports or the catalog recognises them
 */
record Requirement(String id, String name, String vendor, Set<String> profiles, Milestone from, Level level,
                   String message, List<Signal> signals, Set<String> securityProductKinds) {
}
