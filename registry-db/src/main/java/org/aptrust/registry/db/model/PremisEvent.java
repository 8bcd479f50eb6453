package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of premis_events_view: a PREMIS event with its institution's name and its object and file identifiers.
 */
public record PremisEvent(
        int id,
        String identifier,
        Integer institutionId,
        String institutionName,
        Integer intellectualObjectId,
        String intellectualObjectIdentifier,
        Integer genericFileId,
        String genericFileIdentifier,
        String eventType,
        LocalDateTime dateTime,
        String detail,
        String outcome,
        String outcomeDetail,
        String outcomeInformation,
        String object,
        String agent,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        String oldUuid) {
}
