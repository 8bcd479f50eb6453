package org.aptrust.registry.api.member;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;

/**
 * Finds the record a show route names and decides whether the caller may see it. A record of another institution
 * answers exactly like a record that does not exist (404, same message), so the API never reveals what other
 * institutions hold.
 */
public final class Shown {

    private Shown() {
    }

    /** The record, if the caller may see it; otherwise a 404 naming only what was asked for. */
    public static <T> T visible(Optional<T> found, Function<T, Integer> institutionOf, ApiCaller caller, String what) {
        return found.filter(row -> caller.maySee(institutionOf.apply(row)))
                .orElseThrow(() -> ApiException.notFound(what));
    }

    /**
     * Resolves a show route's {id}: digits are an id; anything else is an identifier (object or file identifier,
     * event UUID, institution domain), already percent-decoded by Jersey, slashes included.
     */
    public static <T> Optional<T> byIdOrIdentifier(String raw, IntFunction<Optional<T>> byId,
                                                   Function<String, Optional<T>> byIdentifier) {
        Integer id = asId(raw);
        return id != null ? byId.apply(id) : byIdentifier.apply(raw);
    }

    /** A positive int id, or null when the text is not one (an identifier, or a number too large to be an id). */
    public static Integer asId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 10 || !raw.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long v = Long.parseLong(raw);
        return v > Integer.MAX_VALUE ? null : (int) v;
    }

    /**
     * A numeric id from the path of a route that takes only ids: text that is not digits is a 400, digits beyond
     * any id a 404.
     */
    public static int requireId(String raw, String what) {
        Integer id = asId(raw);
        if (id != null) {
            return id;
        }
        if (raw != null && !raw.isEmpty() && raw.chars().allMatch(Character::isDigit)) {
            throw ApiException.notFound(what);
        }
        throw ApiException.badRequest("id", "'" + raw + "' is not an id", "an integer of 1 or more");
    }
}
