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
 */
public record IncomingReport(ScanReport report, Evaluator.Judgement judgement, byte[] raw, long receivedAt) {
}
