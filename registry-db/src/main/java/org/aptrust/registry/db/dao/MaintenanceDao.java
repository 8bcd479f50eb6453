package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The maintenance switch every instance shares (registry_maintenance, migration 050). */
public interface MaintenanceDao {

    /** What an operator last switched the mode to; empty when nobody has (the configuration decides then). */
    @SqlQuery("SELECT maintenance FROM registry_maintenance")
    Optional<Boolean> stored();

    @SqlUpdate("INSERT INTO registry_maintenance (singleton, maintenance, changed_at, changed_by)"
            + " VALUES (true, :on, now(), :by) ON CONFLICT (singleton) DO UPDATE"
            + " SET maintenance = excluded.maintenance, changed_at = excluded.changed_at,"
            + " changed_by = excluded.changed_by")
    void store(@Bind("on") boolean on, @Bind("by") String by);
}
