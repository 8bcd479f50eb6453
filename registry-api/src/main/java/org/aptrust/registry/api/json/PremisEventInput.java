package org.aptrust.registry.api.json;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.model.Vocabulary;

/** A PREMIS event as clients send it (POST /events/create, or nested in a batch of files). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PremisEventInput(
        Long id,
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
        String outcome,
        Integer institutionId) {

    /**
     * Checks the fields and returns the row to insert. Object, file and institution are given by the caller when
     * the event is nested in a file (they are the file's).
     */
    public PremisEventWrites.NewEvent validate(InputValidation v, String prefix, int objectId, Integer fileId,
                                               int institution) {
        v.uuid(prefix + "identifier", identifier);
        v.oneOf(prefix + "event_type", eventType, Vocabulary.EVENT_TYPES);
        v.oneOf(prefix + "outcome", outcome, Vocabulary.EVENT_OUTCOMES);
        v.required(prefix + "date_time", dateTime);
        v.required(prefix + "detail", detail);
        v.required(prefix + "object", object);
        v.required(prefix + "agent", agent);
        return new PremisEventWrites.NewEvent(identifier, eventType, dateTime, outcomeDetail, detail,
                outcomeInformation, object, agent, objectId, fileId, outcome, institution);
    }
}
