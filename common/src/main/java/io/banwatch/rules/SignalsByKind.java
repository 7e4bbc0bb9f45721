package io.banwatch.rules;

import io.banwatch.model.EvidenceKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The signals of a list of owners (a pack's products, a catalog's entries) grouped by the
 * evidence kind they look at, in owner order: a software trace is tried against software
 * signals only. Built once per rule set.
 *
 * @param <T> the owner type
 */
final class SignalsByKind<T> {
    /** A signal with its owner and the owner's position (lower wins). */
    record Ref<T>(T owner, int order, Signal signal) {
    }

    private final Map<EvidenceKind, List<Ref<T>>> byKind = new EnumMap<>(EvidenceKind.class);

    SignalsByKind(List<T> owners, Function<T, List<Signal>> signals) {
        for (int i = 0; i < owners.size(); i++) {
            T owner = owners.get(i);
            for (Signal s : signals.apply(owner)) {
                byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(new Ref<>(owner, i, s));
            }
        }
    }

    /** The signals for traces of this kind, in owner order. */
    List<Ref<T>> of(EvidenceKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }
}
