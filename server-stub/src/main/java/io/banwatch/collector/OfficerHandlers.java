package io.banwatch.collector;

import io.banwatch.collector.api.AuditApi;
import io.banwatch.collector.api.AuditReportQueries;
import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.api.RetirementApi;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.audit.AuditQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.lifecycle.HostRetirement;
import io.banwatch.collector.web.AuditLogHandlers;
import io.banwatch.collector.web.AuditReportHandlers;
import io.banwatch.collector.web.HostAdminHandlers;
import io.banwatch.rules.MilestoneInfo;
import io.banwatch.rules.PackInfo;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The compliance officer's routes (issue 13): host retirement, the audit report, and the admins'
 * audit log (page, API and export).
 */
record OfficerHandlers(RetirementApi retirementApi, HostAdminHandlers hostAdmin, AuditReportHandlers reports,
                       AuditApi auditApi, AuditLogHandlers auditLog) {

    static OfficerHandlers create(Database db, AuditLog audit, Clock clock, Access access, FleetReads reads,
                                  int staleDays, List<MilestoneInfo> milestones, Supplier<List<PackInfo>> packs,
                                  Collection<String> profiles) {
        HostRetirement retirement = new HostRetirement(db, audit, clock);
        AuditReportQueries reportQueries = new AuditReportQueries(db, clock, staleDays, milestones, packs,
                AuditReportQueries.DEFAULT_MAX_LISTED);
        AuditQueries auditQueries = new AuditQueries(db);
        return new OfficerHandlers(new RetirementApi(access, new Json(), retirement),
                new HostAdminHandlers(access, reads.hostDetail(), retirement),
                new AuditReportHandlers(access, reportQueries, profiles, clock),
                new AuditApi(access, new Json(), auditQueries), new AuditLogHandlers(access, auditQueries));
    }
}
