package org.aptrust.registry.web.pages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.web.maintenance.MaintenanceFilter;
import org.aptrust.registry.web.maintenance.MaintenanceMode;

/**
 * The maintenance page at the original's URL: 503 while maintenance mode is on, 200 otherwise, as HTML or, with
 * {@code ?format=json}, as the original's JSON (StatusCode, Error, Message).
 */
@Path("/maintenance")
public class MaintenancePages {

    /** What the page says when the Registry is not in maintenance. */
    public static final String NORMAL = "Registry is operating normally.";

    /** The JSON answer, in the original's names (the error pages leave it alone). */
    @JsonPropertyOrder({"StatusCode", "Error", "Message"})
    public record JsonStatus(@JsonProperty("StatusCode") int statusCode, @JsonProperty("Error") String error,
                             @JsonProperty("Message") String message) {
    }

    /** The page's model: whether maintenance mode is on. */
    public static class MaintenanceView extends PageView {
        private final boolean on;

        MaintenanceView(PageContext page, boolean on) {
            super("maintenance.mustache", page);
            this.on = on;
        }

        public boolean isOn() {
            return on;
        }
    }

    private final Pages pages;
    private final MaintenanceMode mode;

    public MaintenancePages(Pages pages, MaintenanceMode mode) {
        this.pages = pages;
        this.mode = mode;
    }

    @GET
    public Response show(@Context ContainerRequestContext request, @QueryParam("format") String format) {
        boolean on = mode.isOn();
        int status = on ? 503 : 200;
        Response.ResponseBuilder b = Response.status(status);
        if (on) {
            b.header("Retry-After", MaintenanceFilter.RETRY_AFTER_SECONDS);
        }
        if ("json".equals(format)) {
            return b.type(MediaType.APPLICATION_JSON_TYPE).entity(new JsonStatus(status,
                    on ? MaintenanceFilter.API_ERROR : "", on ? "" : NORMAL)).build();
        }
        return b.type(MediaType.TEXT_HTML_TYPE)
                .entity(new MaintenanceView(pages.context(request, on ? "System maintenance" : "No maintenance", null), on)).build();
    }
}
