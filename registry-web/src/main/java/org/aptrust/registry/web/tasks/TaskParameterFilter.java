package org.aptrust.registry.web.tasks;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Dropwizard answers 500 to anything a task throws; this filter checks a task's parameters first and answers 400
 * with the task's own message (what was wrong, what is allowed) when they do not parse.
 */
public class TaskParameterFilter implements Filter {

    private final Consumer<Map<String, List<String>>> validator;

    /** @param validator throws IllegalArgumentException for parameters the task would refuse */
    public TaskParameterFilter(Consumer<Map<String, List<String>>> validator) {
        this.validator = validator;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
        try {
            validator.accept(params);
        } catch (IllegalArgumentException e) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            http.setContentType("text/plain;charset=UTF-8");
            http.getWriter().println("ERROR: " + e.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
