/**
 * The Windows inventory source: one run of {@code inventory.ps1} (in this package's resources) through the
 * {@link io.banwatch.agent.inventory.CommandRunner}, split by {@link io.banwatch.agent.inventory.windows.PowerShellSections}
 * and read by one pure parser per section (Uninstall keys, Store apps, Security Center, Defender,
 * services and drivers, Kaspersky's registry keys, processes, host facts). The parsers take the
 * section's JSON text and never touch the machine, so they are tested on recorded outputs on any OS.
 */
package io.banwatch.agent.inventory.windows;
