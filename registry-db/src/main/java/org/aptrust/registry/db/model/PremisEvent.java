package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of premis_events_view: a PREMIS event with its institution's name and its object and file identifiers.
 */
public record PremisEvent(
        int id,
        String identifier,
        String eventType,
        LocalDateTime dateTime,
        String outcomeDetail,
        String detail,
        String outcomeInformation,
        String object,
        String agent,
        Integer intellectualObjectId,
        Integer genericFileId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        String outcome,
        Integer institutionId,
        String oldUuid,
        String institutionName,
        String intellectualObjectIdentifier,
        String genericFileIdentifier) {
}
