package org.aptrust.registry.web.pages;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A chart for charts.js: an id, a type (doughnut, line, bar), labels and series. The page embeds {@link #json()}
 * in a JSON script block and shows {@link #summary()} as the canvas's text alternative; a table of the same
 * numbers sits beside every chart.
 */
public record ChartModel(String id, String type, String title, String yLabel, List<String> labels,
                         List<Series> datasets) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Series(String label, List<Number> data) {
    }

    /** JSON safe to place inside a script element: no "<", ">" or "&" survive unescaped. */
    public String json() {
        try {
            String s = JSON.writeValueAsString(Map.of("type", type, "title", title == null ? "" : title,
                    "yLabel", yLabel == null ? "" : yLabel, "labels", labels, "datasets", datasets));
            return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean hasData() {
        return !labels.isEmpty() && datasets.stream().anyMatch(d -> !d.data().isEmpty());
    }

    /** A sentence for screen readers; the table beside the chart has every number. */
    public String summary() {
        return title + ": " + (type.equals("line") ? "line chart" : "chart") + " of " + labels.size()
                + (type.equals("line") ? " points" : " categories") + ", listed in the table that follows.";
    }
}
