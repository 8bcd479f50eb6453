package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.views.common.View;
import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.aptrust.registry.web.auth.SignInRequired;
import org.aptrust.registry.web.auth.WebSessionFilter;

/**
 * Turns errors on web paths into the friendly error page. Pages throw {@link PageException} or
 * {@link SignInRequired}; anything else (an unknown URL, a wrong method, an unexpected exception) arrives as
 * Dropwizard's JSON error and is replaced here by the same HTML page, keeping the status and dropping any detail.
 * The JSON API's paths keep their JSON errors.
 */
public final class ErrorPages {

    private static final Pattern LOG_ID = Pattern.compile("\\(ID ([0-9a-f]+)\\)");

    private ErrorPages() {
    }

    /** PageException → the error page with its status and message. */
    public static final class PageExceptionMapper implements ExceptionMapper<PageException> {
        private final Pages pages;
        @Context
        private Provider<ContainerRequestContext> request;

        public PageExceptionMapper(Pages pages) {
            this.pages = pages;
        }

        @Override
        public Response toResponse(PageException e) {
            return pages.error(request.get(), e.status(), e.getMessage());
        }
    }

    /** SignInRequired → 303 to the sign-in page, remembering where the user was going. */
    public static final class SignInRequiredMapper implements ExceptionMapper<SignInRequired> {
        @Override
        public Response toResponse(SignInRequired e) {
            URI requested = e.requested();
            String next = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
            return Response.seeOther(UriBuilder.fromPath("/users/sign_in").queryParam("next", "{next}").build(next))
                    .build();
        }
    }

    /** Any other error response on a web path becomes the HTML error page. */
    @Priority(Priorities.USER + 100)
    public static final class HtmlErrorFilter implements ContainerResponseFilter {
        private final Pages pages;

        public HtmlErrorFilter(Pages pages) {
            this.pages = pages;
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            int status = response.getStatus();
            if (status < 400 || response.getEntity() instanceof View
                    || response.getEntity() instanceof AlertPages.MarkResult
                    || response.getEntity() instanceof MaintenancePages.JsonStatus
                    || WebSessionFilter.isApiPath(request.getUriInfo().getPath())
                    || response.getEntity() instanceof java.util.Map<?, ?>) { // a JSON answer (the inline editor's)
                return;
            }
            String message = ErrorView.defaultMessage(status);
            if (status >= 500 && response.getEntity() instanceof ErrorMessage em && em.getMessage() != null) {
                Matcher m = LOG_ID.matcher(em.getMessage());
                if (m.find()) {
                    message += " Reference: " + m.group(1) + ".";
                }
            }
            Response page = pages.error(request, status, message);
            response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML_TYPE);
            response.setEntity(page.getEntity(), new java.lang.annotation.Annotation[0], MediaType.TEXT_HTML_TYPE);
        }
    }
}
