package org.aptrust.registry.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Errors that Jetty raises before the application sees a request (a NUL or another illegal character in the path,
 * a URI or headers over their limits, a malformed request line) answer JSON in the API's error shape
 * ({@code {"StatusCode": 400, "Error": "..."}}) under {@code /member-api/} and {@code /admin-api/}, as every other API
 * error does. Pages keep Jetty's HTML. A request Jetty could not parse at all has no path; it gets JSON.
 */
public final class ApiJettyErrors extends ErrorHandler {

    private ApiJettyErrors() {
        setShowStacks(false);
    }

    public static void install(Environment environment) {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new ApiJettyErrors());
                }
            }
        });
        // The application's servlet context answers the errors it finds itself (an illegal character in the path,
        // a URI it cannot decode) with its own handler.
        environment.getApplicationContext().setErrorHandler(new InContext());
    }

    /** The same answers from the application's servlet context. */
    static final class InContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        InContext() {
            setShowStacks(false); // the servlet handler shows stack traces unless told not to: never to callers
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) throws IOException {
            if (!writeJson(request, response, code, message, callback)) {
                super.generateResponse(request, response, code, message, cause, callback);
            }
        }
    }

    static boolean apiPath(String path) {
        return path != null && (path.startsWith("/member-api/") || path.startsWith("/admin-api/"));
    }

    /**
     * An API request by its path. A request Jetty could not parse (an illegal character in the path, a URI over the
     * limit) reaches the error handler as {@code /badMessage}, its path and headers unknown: it is answered in JSON,
     * as its sender is almost always a program (a browser does not send a NUL or an 8 KB address).
     */
    static boolean apiRequest(Request request) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return apiPath(path) || BAD_MESSAGE.equals(path);
    }

    /** The path Jetty gives the request it makes up to answer a request it could not parse. */
    private static final String BAD_MESSAGE = "/badMessage";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (!writeJson(request, response, code, message, callback)) {
            super.generateResponse(request, response, code, message, cause, callback);
        }
    }

    /** Writes the API's JSON error when the request is an API request; false (nothing written) otherwise. */
    static boolean writeJson(Request request, Response response, int code, String message, Callback callback) {
        if (!apiRequest(request)) {
            return false;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        Content.Sink.write(response, true, json(code, message), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "must-revalidate,no-cache,no-store"));
        return ByteBuffer.wrap(json(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    /** The API's error body: the status and what was wrong, never a stack trace. */
    static String json(int code, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        StringBuilder sb = new StringBuilder("{\"StatusCode\": ").append(code).append(", \"Error\": \"");
        for (char ch : ("The request was refused before it reached the Registry: " + reason).toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append("\"}").toString();
    }
}
