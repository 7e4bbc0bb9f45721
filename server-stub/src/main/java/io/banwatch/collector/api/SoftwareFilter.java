package io.banwatch.collector.api;

import io.banwatch.model.OsFamily;
import io.banwatch.collector.http.ApiError;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which software a fleet list shows, and on which hosts.
 *
 * @param name      part of the title (case-insensitive), or null
 * @param publisher part of the publisher (case-insensitive), or null
 * @param version   an exact version, or null
 * @param source    an exact source (dpkg, rpm, windows-uninstall…), or null
 * @param os        an OS family (linux, windows, macos), or null for all
 * @param scope     {@value #MACHINE_SCOPE}, {@value #USER_SCOPE} (any per-user install), or null for either
 */
public record SoftwareFilter(String name, String publisher, String version, String source, String os, String scope) {
    public static final String MACHINE_SCOPE = "machine";
    public static final String USER_SCOPE = "user";
    /** The count key that holds a host once, whichever scopes it has the package in. */
    public static final String ANY_SCOPE = "any";
    private static final Set<String> SCOPES = Set.of(MACHINE_SCOPE, USER_SCOPE);

    public static SoftwareFilter all() {
        return new SoftwareFilter(null, null, null, null, null, null);
    }

    /** Validates {@code name}, {@code publisher}, {@code version}, {@code source}, {@code os}, {@code scope}. */
    public static SoftwareFilter from(UnaryOperator<String> param) {
        String scope = HostFilter.blankToNull(param.apply("scope"));
        if (scope != null) {
            scope = scope.toLowerCase(Locale.ROOT);
            if (!SCOPES.contains(scope)) {
                throw ApiError.badRequest("invalid_filter", "scope must be machine or user, not '"
                        + param.apply("scope") + "'");
            }
        }
        String os = HostFilter.blankToNull(param.apply("os"));
        if (os != null) {
            os = OsFamily.fromId(os).map(OsFamily::id).orElseThrow(() -> ApiError.badRequest("invalid_filter",
                    "os must be " + OsFamily.choices() + ", not '" + param.apply("os") + "'"));
        }
        return new SoftwareFilter(text(param, "name"), text(param, "publisher"), text(param, "version"),
                text(param, "source"), os, scope);
    }

    /** Whether anything is filtered on. */
    public boolean filtered() {
        return name != null || publisher != null || version != null || source != null || os != null || scope != null;
    }

    /** The count key a search reads: the scope asked for, or {@value #ANY_SCOPE}. */
    String countScope() {
        return scope == null ? ANY_SCOPE : scope;
    }

    /** How a stored scope ("machine", "user:S-1-5-21-…") is counted. */
    public static String scopeKind(String scope) {
        return scope != null && scope.startsWith("user") ? USER_SCOPE : MACHINE_SCOPE;
    }

    private static String text(UnaryOperator<String> param, String what) {
        String v = HostFilter.blankToNull(param.apply(what));
        if (v != null && v.length() > 300) {
            throw ApiError.badRequest("invalid_filter", what + " is longer than 300 characters");
        }
        return v;
    }
}
