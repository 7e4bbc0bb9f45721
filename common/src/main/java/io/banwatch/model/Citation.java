package io.banwatch.model;

/**
 * The legal instrument or source a finding rests on, so an auditor can follow it.
 *
 * @param id    the citation's id in its rule pack, e.g. {@code bod-17-01}
 * @param title the instrument, e.g. "DHS Binding Operational Directive 17-01"
 * @param url   where to read it, or null
 */
public record Citation(String id, String title, String url) {
    public Citation {
        Required.text(id, "id");
        Required.text(title, "title");
    }
}
