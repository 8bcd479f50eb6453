package org.aptrust.registry.api.admin;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.SentTimes;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.model.Institution;

/**
 * The one path of an admin create or update: read the body (Go-compatible, {@link ApiJson}), refuse an id that
 * does not fit the route, check every field and owner into one {@link InputValidation} (a 400 listing every
 * problem in order), and hand back the values to write. Each resource says only what is its own: the checks of its
 * record (a {@link Check}) and the write.
 *
 * @param <I> the body's type
 */
final class AdminWrite<I> {

    /** The checks of one record: problems go into {@code v}; returns the values to write. */
    @FunctionalInterface
    interface Check<I, C, V> {
        V check(InputValidation v, I in, C context);
    }

    /** A body that passed its checks, and the values to write. */
    record Checked<I, V>(I in, V values) {
    }

    private final Owners owners;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final String what;
    private final String route;
    private final Function<I, Long> idOf;
    private final Function<I, Integer> institutionIdOf;

    private AdminWrite(Owners owners, ObjectMapper mapper, Class<I> type, String what, String route, Function<I, Long> idOf,
                       Function<I, Integer> institutionIdOf) {
        this.owners = owners;
        this.mapper = mapper;
        this.reader = ApiJson.bodyReader(mapper, type);
        this.what = what;
        this.route = route;
        this.idOf = idOf;
        this.institutionIdOf = institutionIdOf;
    }

    /**
     * Bodies of a record that is created once and updated by id: a new one's body carries no id, an update's the
     * URL's (or none), and a body's institution_id is the URL's.
     *
     * @param what  the record in messages ("work item")
     * @param route the routes' root ("admin-api/v3/items")
     */
    static <I> AdminWrite<I> of(Owners owners, ObjectMapper mapper, Class<I> type, String what, String route,
                                Function<I, Long> idOf, Function<I, Integer> institutionIdOf) {
        return new AdminWrite<>(owners, mapper, type, what, route, idOf, institutionIdOf);
    }

    /** Bodies of an insert-only record, whose id and institution_id in a body are not looked at. */
    static <I> AdminWrite<I> insertOnly(Owners owners, ObjectMapper mapper, Class<I> type, String what,
                                        String route) {
        return new AdminWrite<>(owners, mapper, type, what, route, null, null);
    }

    /** A body, read as it is. */
    I read(InputStream body) {
        return ApiJson.read(reader, body);
    }

    /** A new record's body: read, and refused (400) when it carries an id, which would mean an update. */
    I readNew(InputStream body) {
        I in = read(body);
        if (idOf != null) {
            Owners.refuseIdOnCreate(idOf.apply(in), what, "/" + route + "/update/");
        }
        return in;
    }

    /**
     * A new record of an institution (the URL's, looked up by the caller first; null when the body names it):
     * the body read, its institution_id checked against the URL's, then the record's own checks.
     */
    <V> Checked<I, V> create(Institution institution, InputStream body, Check<I, Institution, V> check) {
        I in = readNew(body);
        InputValidation v = owners.validation();
        if (institutionIdOf != null && institution != null) {
            Owners.sameInstitution(v, "institution_id", institutionIdOf.apply(in), institution.id());
        }
        V values = check.check(v, in, institution);
        v.failIfAny();
        return new Checked<>(in, values);
    }

    /**
     * A change of a stored record: 400 for an id that is not a number, 404 when there is no such record, 400 when
     * the body names another one; then the record's own checks against the stored row.
     *
     * @return the stored row's id with the body and the values to write
     */
    <S, V> Update<I, S, V> update(String id, InputStream body, IntFunction<Optional<S>> find,
                                  Check<I, S, V> check) {
        int recordId = Shown.requireId(id, what);
        S stored = find.apply(recordId).orElseThrow(() -> ApiException.notFound(what));
        I in = read(body);
        Owners.refuseOtherId(idOf.apply(in), recordId, what);
        InputValidation v = owners.validation();
        V values = check.check(v, in, stored);
        v.failIfAny();
        return new Update<>(recordId, stored, in, values);
    }

    /** A change that passed its checks: the record's id, its stored row, the body and the values to write. */
    record Update<I, S, V>(int id, S stored, I in, V values) {
    }

    /** A saved record as JSON, ready to carry timestamps as the client sent them ({@link SentTimes}). */
    SentTimes sentTimes(Object stored) {
        return SentTimes.of(mapper, stored);
    }

    /** 201 Created with the new record and where to read it ({@code <route>/show/<id>}). */
    Response created(UriInfo uri, Object id, Object entity) {
        return Owners.created(uri, route + "/show", id, entity);
    }
}
