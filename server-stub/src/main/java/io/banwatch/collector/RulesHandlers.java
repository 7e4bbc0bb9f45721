package io.banwatch.collector;

import io.banwatch.collector.api.RulesApi;
import io.banwatch.collector.web.RulesAdminHandlers;

/** The routes of the organisation's rule packs (issue 12): the API and the admins' page. */
record RulesHandlers(RulesApi api, RulesAdminHandlers admin) {
}
