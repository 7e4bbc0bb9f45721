package io.banwatch.agent.scan;

import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One scan: collect, recognise security products, judge, and wrap it all as a report. */
public final class Scanner {
    private final InventorySource source;
    private final RuleEngine engine;
    private final Clock clock;
    private final String agentVersion;

    public Scanner(InventorySource source, RuleEngine engine, Clock clock, String agentVersion) {
        this.source = source;
        this.engine = engine;
        this.clock = clock;
        this.agentVersion = agentVersion;
    }

    /**
     * @param profile the compliance profile to judge with
     * @param asOf    the date to judge at, or null for today
     */
    public ScanReport scan(String profile, LocalDate asOf) {
        Inventory inventory = source.read();
        List<SecurityProduct> products = engine.securityProducts(inventory);
        LocalDate date = asOf != null ? asOf : engine.today();
        List<Finding> findings = engine.evaluate(inventory, products, profile, date);
        return new ScanReport(ScanReport.SCHEMA_VERSION, UUID.randomUUID().toString(), agentVersion, clock.instant(),
                date, profile, inventory.host(), inventory.software(), products, inventory.observations(), findings,
                inventory.errors(), InventoryHash.of(inventory.software(), products, inventory.observations()));
    }
}
