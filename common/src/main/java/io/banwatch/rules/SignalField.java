package io.banwatch.rules;

import java.util.Locale;

/** Which field of a trace a signal looks at. */
enum SignalField {
    NAME, LOCATION, DETAIL, PUBLISHER, IDENTIFIER;

    /** The field as the trace holds it. */
    String raw(Trace t) {
        return switch (this) {
            case NAME -> t.evidence().name();
            case LOCATION -> t.evidence().location();
            case DETAIL -> t.evidence().detail();
            case PUBLISHER -> t.publisher();
            case IDENTIFIER -> t.identifier();
        };
    }

    static SignalField fromJson(String text) {
        for (SignalField f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + text
                + "' (expected name, location, detail, publisher or identifier)");
    }
}
