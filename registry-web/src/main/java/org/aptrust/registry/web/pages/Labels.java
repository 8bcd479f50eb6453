package org.aptrust.registry.web.pages;

import java.util.List;

import org.aptrust.registry.db.model.Vocabulary;

/** Words the pages show for stored codes, and the choices of the filter forms. */
public final class Labels {

    /** The alert types the Registry writes (alerts.type), for the alert filter. */
    public static final List<String> ALERT_TYPES = List.of("Deletion Requested", "Deletion Confirmed",
            "Deletion Completed", "Deletion Cancelled", "Failed Fixity Check", "Restoration Completed",
            "Password Changed", "Password Reset", "Welcome New User", "Stalled Work Items");

    private Labels() {
    }

    public static String state(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "A" -> "Active";
            case "D" -> "Deleted";
            default -> code;
        };
    }

    public static List<FilterField.Option> states() {
        return Vocabulary.STATES.stream().map(s -> new FilterField.Option(s, state(s))).toList();
    }

    public static List<FilterField.Option> same(List<String> values) {
        return values.stream().map(FilterField.Option::same).toList();
    }
}
