package io.banwatch.agent.inventory;

import io.banwatch.model.Evidence;
import io.banwatch.model.ScanError;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one collection run gathers, source by source. A source that throws is recorded as a
 * {@link ScanError} and the run goes on, so one broken database never hides the rest.
 *
 * <p>A primary source is one the inventory cannot do without (the package database, the installed
 * programs, the application folders): its failure is recorded as primary, which makes the scan
 * incomplete, since finding nothing without it proves nothing.
 */
public final class ScanContext {
    private final List<Software> software = new ArrayList<>();
    private final List<Evidence> observations = new ArrayList<>();
    private final List<SecurityProduct> securityProducts = new ArrayList<>();
    private final List<ScanError> errors = new ArrayList<>();

    /** Runs one source; any exception it throws becomes an error of that source. */
    public void source(String name, Consumer<ScanContext> body) {
        run(name, body, false);
    }

    /** Runs one primary source; an exception it throws becomes a primary error of that source. */
    public void primarySource(String name, Consumer<ScanContext> body) {
        run(name, body, true);
    }

    private void run(String name, Consumer<ScanContext> body, boolean primary) {
        try {
            body.accept(this);
        } catch (RuntimeException e) {
            record(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), primary);
        }
    }

    public void software(List<Software> items) {
        software.addAll(items);
    }

    public void observations(List<Evidence> items) {
        observations.addAll(items);
    }

    public void observation(Evidence item) {
        observations.add(item);
    }

    public void securityProducts(List<SecurityProduct> items) {
        securityProducts.addAll(items);
    }

    /** A secondary source failed: recorded, and the scan is still complete. */
    public void error(String source, String message) {
        record(source, message, false);
    }

    /** A primary source failed: recorded, and the scan is incomplete. */
    public void primaryError(String source, String message) {
        record(source, message, true);
    }

    private void record(String source, String message, boolean primary) {
        String line = message == null || message.isBlank() ? "failed"
                : message.strip().lines().findFirst().orElse("failed");
        errors.add(new ScanError(source, line, primary));
    }

    public List<Software> software() {
        return software;
    }

    public List<Evidence> observations() {
        return observations;
    }

    public List<SecurityProduct> securityProducts() {
        return securityProducts;
    }

    public List<ScanError> errors() {
        return errors;
    }
}
