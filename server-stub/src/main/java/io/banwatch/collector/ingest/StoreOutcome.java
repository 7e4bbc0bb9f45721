package io.banwatch.collector.ingest;

/** What storing a report did. */
public enum StoreOutcome {
    /** Stored, and the host's state now reflects it. */
    STORED,
    /** Stored for the record, but the host already has a newer scan, which stays current. */
    STORED_OLDER,
    /** This reportId was stored before, for the same scan of the same host: acknowledged, nothing written. */
    DUPLICATE,
    /** This reportId was stored before for another host or another scan: refused, nothing written. */
    CONFLICT
}
