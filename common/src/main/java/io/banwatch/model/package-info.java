/**
 * The scan report and everything in it, as immutable records.
 *
 * <p>These types are the contract between agent and collector (report schema version
 * {@link io.banwatch.model.ScanReport#SCHEMA_VERSION}). Compact constructors check required
 * fields and copy lists, so a record that exists is always well formed.
 */
package io.banwatch.model;
