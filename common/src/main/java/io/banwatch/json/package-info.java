/**
 * JSON for reports and rule packs, mapped by hand rather than by reflection.
 *
 * <p>Explicit mapping keeps the agent's start-up short (no bean introspection), tolerates unknown
 * fields from newer agents by construction, and lets every error name the exact field path.
 */
package io.banwatch.json;
