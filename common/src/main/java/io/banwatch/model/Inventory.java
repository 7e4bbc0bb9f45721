package io.banwatch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a collector saw on one host, before any rule judged it.
 *
 * @param host             the host
 * @param software         installed software
 * @param observations     other traces (services, drivers, units, processes, paths, keys)
 * @param securityProducts security products the OS itself reports (Security Center, Defender)
 * @param errors           sources that failed
 */
public record Inventory(Host host, List<Software> software, List<Evidence> observations,
                        List<SecurityProduct> securityProducts, List<ScanError> errors) {
    public Inventory {
        Required.field(host, "host");
        software = Required.list(software);
        observations = Required.list(observations);
        securityProducts = Required.list(securityProducts);
        errors = Required.list(errors);
    }

    /** Every trace as evidence: software first, then the other observations. */
    public List<Evidence> allEvidence() {
        List<Evidence> all = new ArrayList<>(software.size() + observations.size());
        for (Software s : software) {
            all.add(Evidence.of(s));
        }
        all.addAll(observations);
        return all;
    }
}
