package org.aptrust.registry.web.tasks;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.web.maintenance.MaintenanceMode;

/**
 * POST /tasks/maintenance?on=true|false switches maintenance mode for every instance on the database (each sees
 * it within {@link MaintenanceMode#CACHE_FOR}); without {@code on} it only reports the mode and where it comes
 * from. The admin port is never in maintenance, so the mode can always be switched off again.
 */
public class MaintenanceTask extends Task {

    public static final String NAME = "maintenance";

    private final MaintenanceMode mode;
    private final String instance;

    public MaintenanceTask(MaintenanceMode mode, String instance) {
        super(NAME);
        this.mode = mode;
        this.instance = instance;
    }

    /** Refuses anything but one {@code on} of true or false (the parameter filter answers 400 with this). */
    public static Boolean parse(Map<String, List<String>> parameters) {
        for (String key : parameters.keySet()) {
            if (!"on".equals(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; allowed: on=true|false");
            }
        }
        List<String> on = parameters.get("on");
        if (on == null || on.isEmpty()) {
            return null;
        }
        if (on.size() > 1 || !("true".equals(on.get(0)) || "false".equals(on.get(0)))) {
            throw new IllegalArgumentException("on must be true or false, once; got " + on);
        }
        return Boolean.valueOf(on.get(0));
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Boolean on = parse(parameters);
        if (on != null) {
            mode.set(on, "admin task on " + instance);
        }
        boolean now = mode.isOn();
        output.println("maintenance " + (now ? "on" : "off") + mode.stored().map(s -> " (switched by an operator;"
                + " the configuration says " + (mode.configured() ? "on" : "off") + ")")
                .orElse(" (from this instance's configuration: nobody has switched it)"));
    }
}
