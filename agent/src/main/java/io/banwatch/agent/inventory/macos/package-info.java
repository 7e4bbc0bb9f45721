/**
 * The macOS inventory source: {@link io.banwatch.agent.inventory.macos.MacInventorySource}.
 *
 * <p>Each source is a thin reader over a filesystem root (so tests point it at a recorded Mac
 * tree) and a pure parser: property lists (XML or binary, read leniently by {@code Plist}) become
 * {@link io.banwatch.model.Software} or {@link io.banwatch.model.Evidence}; the few command
 * outputs of a live scan (ps, ioreg, systemextensionsctl) are parsed from text. No
 * {@code system_profiler}: it takes seconds.
 */
package io.banwatch.agent.inventory.macos;
