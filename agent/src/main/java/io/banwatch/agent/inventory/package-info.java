/**
 * Inventory sources: what is installed and running on this machine.
 *
 * <p>One package per OS ({@code linux}, {@code windows}, {@code macos}) behind the one
 * {@link io.banwatch.agent.inventory.InventorySource} interface; {@link io.banwatch.agent.scan.InventorySources}
 * picks the implementation once. Every source is a thin reader (a file or a command through the
 * {@link io.banwatch.agent.inventory.CommandRunner} seam) and a pure parser from text to records,
 * tested on recorded real outputs. A source that fails becomes a {@link io.banwatch.model.ScanError}
 * and the scan goes on.
 */
package io.banwatch.agent.inventory;
