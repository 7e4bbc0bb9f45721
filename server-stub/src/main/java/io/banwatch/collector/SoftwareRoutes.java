package io.banwatch.collector;

import io.banwatch.collector.api.SoftwareApi;
import io.banwatch.collector.web.SoftwareHandlers;

/** The routes of the fleet's software inventory (issue 12): the API and the dashboard's pages. */
record SoftwareRoutes(SoftwareApi api, SoftwareHandlers pages) {
}
