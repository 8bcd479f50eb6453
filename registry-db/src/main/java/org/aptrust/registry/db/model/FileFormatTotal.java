package org.aptrust.registry.db.model;

/**
 * Active files of one format within an object (or all formats, for the total row): how many and how many bytes.
 * The object page draws its format chart from these.
 *
 * @param fileFormat the MIME type as recorded, or null for the total over all formats
 */
public record FileFormatTotal(String fileFormat, long fileCount, long totalBytes) {
}
