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
 */
public final class ScanContext {
    private final List<Software> software = new ArrayList<>();
    private final List<Evidence> observations = new ArrayList<>();
    private final List<SecurityProduct> securityProducts = new ArrayList<>();
    private final List<ScanError> errors = new ArrayList<>();

    /** Runs one source; any exception it throws becomes an error of that source. */
    public void source(String name, Consumer<ScanContext> body) {
        try {
            body.accept(this);
        } catch (RuntimeException e) {
            error(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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

    public void error(String source, String message) {
        errors.add(new ScanError(source, message.isBlank() ? "failed" : message.strip().lines().findFirst().orElse("failed")));
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
