package io.banwatch.collector.web;

/** The header's links; a page names the one it is, so the header marks it as current. */
enum Nav { SUMMARY, HOSTS, FINDINGS, SOFTWARE, STALE, TOKENS, RULES, REPORTS, AUDIT }
