package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The original's published member API contract (member_api_v3.yml): every query parameter of every list, with
 * every sort value and enum value it documents, answers 200 on the fixtures (as an admin, who sees every row). The list below is ours, written from the document: "route parameter value|value|...";
 * free-text, integer, date-time, UUID and email parameters carry one sample value.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MemberApiDocumentTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    /** member_api_v3.yml, paths /member-api/v3/{alerts,checksums,deletions,files,objects,events,items}. */
    private static final String[] DOCUMENTED = {
        "alerts page 2",
        "alerts per_page 5",
        "alerts sort created_at__asc|created_at__desc|type__asc|type__desc",
        "alerts created_at__gteq 2016-01-01T00:00:00Z",
        "alerts created_at__lteq 2016-01-01T00:00:00Z",
        "alerts type Deletion Cancelled|Deletion Completed|Deletion Confirmed|Deletion Requested|Failed Fixity Check|Password Changed|Password Reset|Restoration Completed|Stalled Work Items|Welcome New User",
        "checksums page 2",
        "checksums per_page 5",
        "checksums sort algorithm__asc|algorithm__desc|datetime__asc|datetime__desc|digest__asc|digest__desc|generic_file_id__asc|generic_file_id__desc|generic_file_identfier__asc|generic_file_identfier__desc|intellectual_object_id__asc|intellectual_object_id__desc|state__asc|state__desc",
        "checksums algorithm md5|sha1|sha256|sha512",
        "checksums datetime__gteq 2016-01-01T00:00:00Z",
        "checksums datetime__lteq 2016-01-01T00:00:00Z",
        "checksums digest x",
        "checksums generic_file_id 1",
        "checksums generic_file_identifier x",
        "checksums intellectual_object_id 1",
        "checksums state A|D",
        "deletions page 2",
        "deletions per_page 5",
        "deletions sort requested_at__asc|requested_at__desc|stage__asc|stage__desc|status__asc|status__desc",
        "deletions requested_at__gteq 2016-01-01T00:00:00Z",
        "deletions requested_at__lteq 2016-01-01T00:00:00Z",
        "deletions stage Requested|Resolve",
        "deletions status Cancelled|Failed|Pending|Started|Success",
        "files page 2",
        "files per_page 5",
        "files sort created_at__asc|created_at__desc|identifier__asc|identifier__desc|intellectual_object_id__asc|intellectual_object_id__desc|last_fixity_check__asc|last_fixity_check__desc|size__asc|size__desc|state__asc|state__desc|storage_option__asc|storage_option__desc|updated_at__asc|updated_at__desc|uuid__asc|uuid__desc",
        "files created_at__gteq 2016-01-01T00:00:00Z",
        "files created_at__lteq 2016-01-01T00:00:00Z",
        "files identifier x",
        "files intellectual_object_id 1",
        "files last_fixity_check__gteq 2016-01-01T00:00:00Z",
        "files last_fixity_check__lteq 2016-01-01T00:00:00Z",
        "files size__gteq 1",
        "files size__lteq 1",
        "files state A|D",
        "files storage_option Glacier-Deep-OH|Glacier-Deep-OR|Glacier-Deep-VA|Glacier-OH|Glacier-OR|Glacier-VA|Standard|Wasabi-OR|Wasabi-TX|Wasabi-VA",
        "files updated_at__gteq 2016-01-01T00:00:00Z",
        "files updated_at__lteq 2016-01-01T00:00:00Z",
        "files uuid 5309c178-3485-4c6a-b59c-abf9bf8411a6",
        "objects page 2",
        "objects per_page 5",
        "objects sort access__asc|access__desc|alt_identifier__asc|alt_identifier__desc|bag_group_identifier__asc|bag_group_identifier__desc|bagit_profile_identifier__asc|bagit_profile_identifier__desc|created_at__asc|created_at__desc|etag__asc|etag__desc|file_count__asc|file_count__desc|identifier__asc|identifier__desc|internal_sender_identifier__asc|internal_sender_identifier__desc|size__asc|size__desc|state__asc|state__desc|storage_option__asc|storage_option__desc|updated_at__asc|updated_at__desc",
        "objects access consortia|institution|restricted",
        "objects alt_identifier x",
        "objects alt_identifier__starts_with x",
        "objects bag_group_identifier x",
        "objects bag_group_identifier__starts_with x",
        "objects bagit_profile_identifier https://github.com/dpscollaborative/btr_bagit_profile/releases/download/1.0/btr-bagit-profile.json|https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json",
        "objects created_at__gteq 2016-01-01T00:00:00Z",
        "objects created_at__lteq 2016-01-01T00:00:00Z",
        "objects etag x",
        "objects file_count__gteq 1",
        "objects file_count__lteq 1",
        "objects identifier x",
        "objects identifier__starts_with x",
        "objects internal_sender_identifier x",
        "objects size__gteq 1",
        "objects size__lteq 1",
        "objects state A|D",
        "objects storage_option Glacier-Deep-OH|Glacier-Deep-OR|Glacier-Deep-VA|Glacier-OH|Glacier-OR|Glacier-VA|Standard|Wasabi-OR|Wasabi-TX|Wasabi-VA",
        "objects updated_at__gteq 2016-01-01T00:00:00Z",
        "objects updated_at__lteq 2016-01-01T00:00:00Z",
        "events page 2",
        "events per_page 5",
        "events sort date_time__asc|date_time__desc|event_type__asc|event_type__desc|generic_file_id__asc|generic_file_id__desc|generic_file_identifier__asc|generic_file_identifier__desc|identifier__asc|identifier__desc|intellectual_object_id__asc|intellectual_object_id__desc|intellectual_object_identifier__asc|intellectual_object_identifier__desc|outcome__asc|outcome__desc",
        "events date_time__gteq 2016-01-01T00:00:00Z",
        "events date_time__lteq 2016-01-01T00:00:00Z",
        "events event_type access assignment|creation|deletion|fixity check|identifier assignment|ingestion|message digest calculation|replication",
        "events generic_file_id 1",
        "events generic_file_id__is_null true",
        "events generic_file_identifier x",
        "events identifier 5309c178-3485-4c6a-b59c-abf9bf8411a6",
        "events intellectual_object_id 1",
        "events intellectual_object_identifier x",
        "events outcome Failure|Success",
        "items page 2",
        "items per_page 5",
        "items sort action__asc|action__desc|alt_identifier__asc|alt_identifier__desc|bag_date__asc|bag_date__desc|bag_group_identifier__asc|bag_group_identifier__desc|bagit_profile_identifier__asc|bagit_profile_identifier__desc|date_processed__asc|date_processed__desc|etag__asc|etag__desc|generic_file_id__asc|generic_file_id__desc|generic_file_identifier__asc|generic_file_identifier__desc|identifier__asc|identifier__desc|intellectual_object_id__asc|intellectual_object_id__desc|name__asc|name__desc|object_identifier__asc|object_identifier__desc|queued_at__asc|queued_at__desc|size__asc|size__desc|stage__asc|stage__desc|status__asc|status__desc|storage_option__asc|storage_option__desc",
        "items action Delete|Restore Object|Restore File|Glacier Restore|Ingest",
        "items alt_identifier x",
        "items bag_date__gteq 2016-01-01T00:00:00Z",
        "items bag_date__lteq 2016-01-01T00:00:00Z",
        "items bag_group_identifier x",
        "items bagit_profile_identifier https://github.com/dpscollaborative/btr_bagit_profile/releases/download/1.0/btr-bagit-profile.json|https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json",
        "items date_processed__gteq 2016-01-01T00:00:00Z",
        "items date_processed__lteq 2016-01-01T00:00:00Z",
        "items etag x",
        "items generic_file_id 1",
        "items generic_file_id__is_null true",
        "items generic_file_identifier x",
        "items intellectual_object_id 1",
        "items name x",
        "items node__is_null true",
        "items node__is_not_null true",
        "items object_identifier x",
        "items queued_at__is_null true",
        "items queued_at__is_not_null true",
        "items retry true|false",
        "items size__gteq 1",
        "items size__lteq 1",
        "items stage Available in S3|Cleanup|Copy To Staging|Fetch|Format Identification|Package|Receive|Record|Reingest Check|Requested|Resolve|Restoring|Storage Validation|Store|Unpack|Validate",
        "items status Cancelled|Failed|Pending|Started|Success|Suspended",
        "items storage_option Glacier-Deep-OH|Glacier-Deep-OR|Glacier-Deep-VA|Glacier-OH|Glacier-OR|Glacier-VA|Standard|Wasabi-OR|Wasabi-TX|Wasabi-VA",
        "items user system@aptrust.org"
    };

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void everyDocumentedParameterAndValueAnswers200() {
        List<String> refused = new ArrayList<>();
        int asked = 0;
        ApiClient client = ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
        for (String line : DOCUMENTED) {
            String[] parts = line.split(" ", 3);
            for (String value : parts[2].split("\\|")) {
                String path = "/member-api/v3/" + parts[0] + "?" + parts[1] + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8);
                ApiClient.Reply r = client.get(path);
                asked++;
                if (r.status() != 200) {
                    refused.add(path + " -> " + r);
                }
            }
        }
        assertThat(refused).as("documented parameters refused").isEmpty();
        assertThat(asked).isGreaterThan(200);
    }

    /** Documented values our data spells otherwise match what the original's server matched: nothing. */
    @Test
    void documentedValuesOutsideOurVocabularyFilterAsTheOriginalsServerDid() {
        ApiClient admin = ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
        assertThat(admin.get("/member-api/v3/events?outcome=Failure").count()).isZero();
        assertThat(admin.get("/member-api/v3/events?outcome=Failed").count()).isEqualTo(
                ApiTestApp.count(DB, "SELECT count(*) FROM premis_events WHERE outcome = 'Failed'"));
        assertThat(admin.get("/member-api/v3/items?node__is_not_null=true").count()).isEqualTo(
                ApiTestApp.count(DB, "SELECT count(*) FROM work_items WHERE node IS NOT NULL"));
        assertThat(admin.get("/member-api/v3/items?queued_at__is_not_null=true").count()).isEqualTo(
                ApiTestApp.count(DB, "SELECT count(*) FROM work_items WHERE queued_at IS NOT NULL"));
        // A deletion's stage and status are its latest work item's.
        assertThat(admin.get("/member-api/v3/deletions?status=Success").count()).isEqualTo(
                ApiTestApp.count(DB, "SELECT count(*) FROM deletion_requests dr WHERE (SELECT status FROM work_items"
                        + " WHERE deletion_request_id = dr.id ORDER BY id DESC LIMIT 1) = 'Success'"));
        assertThat(admin.get("/member-api/v3/deletions?stage=Requested&sort=status__asc").status()).isEqualTo(200);
    }
}
