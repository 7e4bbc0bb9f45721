package io.banwatch.collector.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Catalogue ids found or created inside one write transaction; cached only after it commits, so
 * a rollback cannot leave the caches pointing at rows that do not exist.
 *
 * @param software package ids by key
 * @param scopes   scope ids by name
 */
record Learnt(Map<SoftwareKey, Long> software, Map<String, Long> scopes) {
    Learnt() {
        this(new HashMap<>(), new HashMap<>());
    }
}
