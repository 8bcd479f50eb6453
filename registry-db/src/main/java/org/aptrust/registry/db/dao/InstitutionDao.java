package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.Institution;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads institutions_view. */
@RegisterConstructorMapper(Institution.class)
public interface InstitutionDao {

    @SqlQuery("SELECT * FROM institutions_view WHERE id = :id")
    Optional<Institution> find(@Bind("id") int id);

    /** By identifier, the institution's domain name (institution1.edu). */
    @SqlQuery("SELECT * FROM institutions_view WHERE identifier = :identifier")
    Optional<Institution> findByIdentifier(@Bind("identifier") String identifier);

    /** Sub-accounts of a member institution, by name. */
    @SqlQuery("SELECT * FROM institutions_view WHERE parent_id = :id ORDER BY name, id")
    List<Institution> subAccounts(@Bind("id") int id);
}
