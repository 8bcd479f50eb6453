package org.aptrust.registry.api.json;

/**
 * A request the API answers with an error status: what was wrong, which input (if one) and what is allowed.
 * Thrown by resources and helpers; {@link ApiExceptionMapper} turns it into an {@link ApiError} body.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private final String allowed;

    public ApiException(int status, String message, String field, String allowed) {
        super(message);
        this.status = status;
        this.field = field;
        this.allowed = allowed;
    }

    /** 400: the named input is not acceptable. */
    public static ApiException badRequest(String field, String message, String allowed) {
        return new ApiException(400, message, field, allowed);
    }

    /** 404: nothing the caller may see answers to this. */
    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found", null, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message, null, null);
    }

    /** 409: the request is well formed but conflicts with the current state. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message, null, null);
    }

    /** 405: the resource never allows this (insert-only records). */
    public static ApiException notAllowed(String message) {
        return new ApiException(405, message, null, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String allowed() {
        return allowed;
    }

    public ApiError toError() {
        return new ApiError(status, getMessage(), field, allowed);
    }
}
