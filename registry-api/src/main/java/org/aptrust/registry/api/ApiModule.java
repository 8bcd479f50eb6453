package org.aptrust.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.aptrust.registry.api.admin.AdminAlertsResource;
import org.aptrust.registry.api.admin.AdminBatchDeletionResource;
import org.aptrust.registry.api.admin.BatchDeletions;
import org.aptrust.registry.api.admin.AdminChecksumsResource;
import org.aptrust.registry.api.admin.AdminDeletionsResource;
import org.aptrust.registry.api.admin.AdminEventsResource;
import org.aptrust.registry.api.admin.AdminFilesResource;
import org.aptrust.registry.api.admin.AdminInstitutionsResource;
import org.aptrust.registry.api.admin.AdminItemsResource;
import org.aptrust.registry.api.admin.AdminObjectsResource;
import org.aptrust.registry.api.admin.AdminStorageRecordsResource;
import org.aptrust.registry.api.admin.AdminTestPreparationsResource;
import org.aptrust.registry.api.admin.Owners;
import org.aptrust.registry.api.admin.WorkItemEdits;
import org.aptrust.registry.api.admin.WorkItemSaver;
import org.aptrust.registry.api.auth.AdminOnlyRefusal;
import org.aptrust.registry.api.auth.ApiAuthFilter;
import org.aptrust.registry.api.auth.ApiAuthenticator;
import org.aptrust.registry.api.auth.ApiKeyAuthenticator;
import org.aptrust.registry.db.throttle.FailureThrottle;
import org.aptrust.registry.api.auth.SessionCallers;
import org.aptrust.registry.api.json.ApiErrorFormatFilter;
import org.aptrust.registry.api.json.ApiExceptionMapper;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.DatabaseErrorMapper;
import org.aptrust.registry.api.json.StricterRules;
import org.aptrust.registry.api.json.WriteConflictMapper;
import org.aptrust.registry.api.member.MemberAlertsResource;
import org.aptrust.registry.api.member.MemberChecksumsResource;
import org.aptrust.registry.api.member.MemberDeletionsResource;
import org.aptrust.registry.api.member.MemberEventsResource;
import org.aptrust.registry.api.member.MemberFilesResource;
import org.aptrust.registry.api.member.MemberItemsResource;
import org.aptrust.registry.api.member.MemberObjectsResource;
import org.aptrust.registry.api.queue.NsqWorkQueue;
import org.aptrust.registry.api.queue.RecordingWorkQueue;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.api.redis.WorkItemStates;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.db.dao.WriteDaos;
import org.glassfish.jersey.server.ServerProperties;
import org.jdbi.v3.core.Jdbi;

/**
 * The JSON API in one call from the Application: the member API v3 (reads, scoped to the caller's institution)
 * and the admin API v3 (reads and writes, admins only), the API-key check (its filter is registered with the web
 * pages' by the application: {@link Shared#authFilter}), the API's error format, its JSON conventions, and encoded
 * slashes in identifiers.
 */
public final class ApiModule {

    /** Responses up to this size go out with a Content-Length, in one piece. */
    static final int RESPONSE_BUFFER_BYTES = 64 * 1024;

    private ApiModule() {
    }

    /**
     * The batch deletion route, given the workflow that makes deletion requests (the web module's, made after
     * {@link #register}).
     */
    public static void registerBatchDeletion(Environment environment, Daos daos, ApiSettings settings,
                                             BatchDeletions batches) {
        environment.jersey().register(new AdminBatchDeletionResource(batches, daos.deletions(),
                settings.batchDeletionKey()));
    }

    /**
     * What the web pages share with the API: the queue work items are published to, the rules for changing a
     * work item, and the API-key check.
     */
    public record Shared(WorkQueue queue, WorkItemEdits workItems, ApiKeyAuthenticator keys) {

        /**
         * The filter of every {@code @Auth ApiCaller} method, for the application's {@code
         * PolymorphicAuthDynamicFeature}. A read (GET, HEAD) without key headers is answered for the user of a
         * signed-in browser session ({@code sessions}), as the original did; writes always need the key headers.
         */
        public ApiAuthFilter authFilter(SessionCallers sessions) {
            return ApiAuthFilter.of(new ApiAuthenticator(keys, sessions));
        }
    }

    /**
     * @param saver  saves a changed work item with the alerts its completion sets off
     * @param states the preservation workers' state of work items in Redis ({@link WorkItemStates#NONE} without)
     */
    public static Shared register(Environment environment, Jdbi jdbi, Daos daos, ListReaders lists,
                                  ApiSettings settings,
                                  WorkItemSaver saver, WorkItemStates states) {
        ObjectMapper mapper = environment.getObjectMapper();
        ApiJson.configure(mapper);
        AcceptEncodedSlashes.install(environment);
        ApiJettyErrors.install(environment);

        WriteDaos writes = WriteDaos.onDemand(jdbi);
        Owners owners = new Owners(daos, lists, writes, new StricterRules(environment.metrics()));
        WorkQueue queue = settings.nsqUrl().isBlank() ? new RecordingWorkQueue(writes.workItems())
                : new NsqWorkQueue(settings.nsqUrl(), writes.workItems());
        FailureThrottle keyThrottle = new FailureThrottle(jdbi, java.time.Clock.systemUTC(), "api",
                settings.keyFailuresBeforeDelay());
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(daos.credentials(), keyThrottle,
                settings.authCacheExpiry(),
                settings.authRecheckInterval(), settings.authCacheSize());

        JerseyEnvironment jersey = environment.jersey();
        // A response of up to this size is buffered whole and sent with its Content-Length in one write, rather
        // than in 8 KiB chunks: a page of 20 files or events is about 15 KB of JSON.
        jersey.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, RESPONSE_BUFFER_BYTES);
        jersey.register(new AdminOnlyRefusal());
        jersey.register(new ApiExceptionMapper());
        jersey.register(new WriteConflictMapper());
        jersey.register(new DatabaseErrorMapper());
        jersey.register(new ApiErrorFormatFilter());

        jersey.register(new MemberAlertsResource(daos.alerts(), lists.alerts()));
        jersey.register(new MemberChecksumsResource(daos.checksums(), lists.checksums()));
        jersey.register(new MemberDeletionsResource(daos.deletions(), lists.deletions()));
        jersey.register(new MemberFilesResource(daos.files(), lists.files()));
        jersey.register(new MemberObjectsResource(daos.objects(), lists.objects()));
        jersey.register(new MemberEventsResource(daos.events(), lists.events()));
        jersey.register(new MemberItemsResource(daos.workItems(), lists.workItems()));

        jersey.register(new AdminAlertsResource(owners, settings.publicUrl()));
        jersey.register(new AdminChecksumsResource(owners, mapper));
        jersey.register(new AdminDeletionsResource(daos.deletions(), lists.deletions()));
        jersey.register(new AdminFilesResource(owners, mapper));
        jersey.register(new AdminObjectsResource(owners, queue, mapper));
        jersey.register(new AdminEventsResource(owners, mapper));
        WorkItemEdits edits = new WorkItemEdits(owners, queue, saver);
        jersey.register(new AdminItemsResource(owners, edits, states, mapper));
        jersey.register(new AdminInstitutionsResource(daos.institutions(), lists.institutions()));
        jersey.register(new AdminStorageRecordsResource(owners, mapper));
        if (settings.testRoutes()) {
            jersey.register(new AdminTestPreparationsResource(jdbi, daos.workItems()));
        }
        return new Shared(queue, edits, authenticator);
    }
}
