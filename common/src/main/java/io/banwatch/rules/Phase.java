package io.banwatch.rules;

import io.banwatch.model.Level;

/**
 * A stretch of time in a profile, from one milestone until the next phase begins.
 *
 * @param from      the milestone that starts the phase, or null for "since always"
 * @param installed the level for a real install
 * @param remnant   the level for remnants only (never above {@code installed})
 * @param milestone the governing milestone cited by findings, or null
 * @param deadline  for DEADLINE phases, the milestone counted down to; otherwise null
 * @param message   a message template; {product}, {presence}, {deadline}, {daysLeft} and
 *                  {since} (the governing milestone's date) are filled in
 */
record Phase(Milestone from, Level installed, Level remnant, Milestone milestone, Milestone deadline,
             String message) {
}
