package org.aptrust.registry.api.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.model.Vocabulary;

/** An intellectual object as clients send it (create and update). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntellectualObjectInput(
        Long id,
        String title,
        String description,
        String identifier,
        String altIdentifier,
        String access,
        String bagName,
        Integer institutionId,
        String state,
        String etag,
        String bagGroupIdentifier,
        String storageOption,
        String bagitProfileIdentifier,
        String sourceOrganization,
        String internalSenderIdentifier,
        String internalSenderDescription) {

    /**
     * Checks the fields and returns the values to store. The original requires title, identifier, access, state,
     * storage option and BagIt profile; so do we. That the identifier is the institution's identifier, a slash and
     * the bag name (institution1.edu/photos) is only warned about; a missing bag_name is taken from it.
     */
    public IntellectualObjectWrites.ObjectValues validate(InputValidation v, int institution,
                                                          String institutionIdentifier) {
        v.required("title", title);
        String bag = bagName;
        if (v.required("identifier", identifier)) {
            String prefix = institutionIdentifier + "/";
            if (v.warnUnless(identifier.startsWith(prefix) && identifier.length() > prefix.length()
                            && identifier.indexOf('/', prefix.length()) < 0, "object_identifier_form", "identifier",
                    "'" + identifier + "' is not " + prefix + "<bag_name>")) {
                String fromIdentifier = identifier.substring(prefix.length());
                if (bag == null || bag.isBlank()) {
                    bag = fromIdentifier;
                } else {
                    v.warnUnless(bag.equals(fromIdentifier), "bag_name_identifier", "bag_name",
                            "'" + bag + "' differs from the identifier's bag name '" + fromIdentifier + "'");
                }
            }
        }
        v.oneOf("access", access, Vocabulary.ACCESS);
        v.oneOf("state", state, Vocabulary.STATES);
        v.oneOf("storage_option", storageOption, Vocabulary.STORAGE_OPTIONS);
        v.required("bagit_profile_identifier", bagitProfileIdentifier);
        return new IntellectualObjectWrites.ObjectValues(title, description, identifier, altIdentifier, access, bag,
                institution, state, etag, bagGroupIdentifier, storageOption, bagitProfileIdentifier,
                sourceOrganization, internalSenderIdentifier, internalSenderDescription);
    }
}
