package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.List;

/** Flattens an inventory into the traces that signals look at. */
final class Traces {
    private Traces() {
    }

    static List<Trace> of(List<Software> software, List<Evidence> observations, List<SecurityProduct> reported) {
        List<Trace> traces = new ArrayList<>(software.size() + observations.size() + reported.size());
        for (Software s : software) {
            traces.add(Trace.of(s));
        }
        for (Evidence e : observations) {
            traces.add(Trace.of(e));
        }
        // A Security Center registration proves an install even when no uninstall entry is left.
        for (SecurityProduct p : reported) {
            for (Evidence e : p.evidence()) {
                if (e.kind() == EvidenceKind.SECURITY_CENTER) {
                    traces.add(Trace.of(e));
                }
            }
        }
        return traces;
    }
}
