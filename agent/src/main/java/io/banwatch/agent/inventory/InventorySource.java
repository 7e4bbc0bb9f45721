package io.banwatch.agent.inventory;

import io.banwatch.model.Inventory;

/** Reads one machine's software and traces. Never throws for a failing source: it records it. */
public interface InventorySource {
    Inventory read();
}
