package io.banwatch.collector.api;

/**
 * How far the software index is behind the stored inventories: searches read the index, which a
 * background job keeps up after ingest.
 *
 * @param pendingHosts   hosts whose latest inventory is not indexed yet
 * @param oldestPending  when the oldest of those inventories arrived (ISO-8601), or null
 * @param lastIndexedAt  when the indexer last committed a batch, or null if never
 */
public record IndexFreshness(long pendingHosts, String oldestPending, String lastIndexedAt) {
    public boolean upToDate() {
        return pendingHosts == 0;
    }
}
