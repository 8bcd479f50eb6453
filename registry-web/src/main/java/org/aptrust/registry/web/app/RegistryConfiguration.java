package org.aptrust.registry.web.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.aptrust.registry.api.ApiSettings;
import org.aptrust.registry.web.jobs.SchedulerConfiguration;
import org.aptrust.registry.web.mail.MailSettings;
import org.aptrust.registry.web.workflows.DeletionSettings;

/** The whole YAML configuration; see config/registry.yml for every setting with its default. */
public class RegistryConfiguration extends Configuration {

    @Valid
    @NotNull
    @JsonProperty("database")
    private RegistryDatabaseFactory database = new RegistryDatabaseFactory();

    @Valid
    @NotNull
    @JsonProperty("web")
    private WebSettings web = new WebSettings();

    @Valid
    @NotNull
    @JsonProperty("scheduler")
    private SchedulerConfiguration scheduler = new SchedulerConfiguration();

    /** The JSON API: API-key check cache, the address used in alert links, an optional NSQ queue. */
    @Valid
    @NotNull
    @JsonProperty("api")
    private ApiSettings api = new ApiSettings();

    /** Outgoing mail: the SMTP server (none: messages stay in the outbox) and the sender's retries. */
    @Valid
    @NotNull
    @JsonProperty("mail")
    private MailSettings mail = new MailSettings();

    /** The deletion workflow: how long a request's review link works. */
    @Valid
    @NotNull
    @JsonProperty("deletions")
    private DeletionSettings deletions = new DeletionSettings();

    /** Maintenance mode at start, while no operator has switched it (the database row then wins; MaintenanceMode). */
    @JsonProperty
    private boolean maintenance = false;

    public RegistryDatabaseFactory getDatabase() {
        return database;
    }

    public WebSettings getWeb() {
        return web;
    }

    public SchedulerConfiguration getScheduler() {
        return scheduler;
    }

    public ApiSettings getApi() {
        return api;
    }

    public MailSettings getMail() {
        return mail;
    }

    public DeletionSettings getDeletions() {
        return deletions;
    }

    public boolean isMaintenance() {
        return maintenance;
    }
}
