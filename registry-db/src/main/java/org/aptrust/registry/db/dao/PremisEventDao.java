package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.model.PremisEvent;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads premis_events_view. */
@RegisterConstructorMapper(PremisEvent.class)
public interface PremisEventDao {

    @SqlQuery("SELECT * FROM premis_events_view WHERE id = :id")
    Optional<PremisEvent> find(@Bind("id") int id);

    /** By the event's identifier, a UUID. */
    @SqlQuery("SELECT * FROM premis_events_view WHERE identifier = :identifier")
    Optional<PremisEvent> findByIdentifier(@Bind("identifier") String identifier);
}
