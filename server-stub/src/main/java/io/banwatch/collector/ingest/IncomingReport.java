package io.banwatch.collector.ingest;

import io.banwatch.model.ScanReport;

/**
 * A validated, judged report on its way to the database.
 *
 * @param report     what the agent sent
 * @param judgement  the collector's evaluation; null when the host's stored judgement still holds (same
 *                   inventory, day, rules and profile): the report is then only recorded
 * @param raw        the report's JSON, gzip-compressed, or null when raw reports are not kept
 * @param receivedAt when it arrived (epoch ms)
 * @param links      its inventory's links to the catalogue, worked out before the writer, or null
 *                   (the writer then works them out itself, should the inventory have changed)
 */
public record IncomingReport(ScanReport report, Evaluator.Judgement judgement, byte[] raw, long receivedAt,
                             LinkPlan links) {
    public IncomingReport(ScanReport report, Evaluator.Judgement judgement, byte[] raw, long receivedAt) {
        this(report, judgement, raw, receivedAt, null);
    }
}
