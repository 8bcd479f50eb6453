package org.aptrust.registry.web.pages;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values look on the pages. Timestamps are UTC, as stored, and say so in the page headers. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Formats() {
    }

    public static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    public static String dateTime(LocalDateTime t) {
        return t == null ? "" : t.format(DATE_TIME);
    }

    public static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    public static String iso(LocalDateTime t) {
        return t == null ? "" : t.format(ISO) + "Z";
    }

    public static String number(Number n) {
        if (n == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US));
        return f.format(n);
    }

    /** Binary units (1 KB = 1024 bytes), as the original's reports. */
    public static String bytes(Long b) {
        if (b == null) {
            return "";
        }
        double v = b;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(Locale.US, "%.1f %s", v, UNITS[u]);
    }

    public static String money(Double d) {
        return d == null ? "" : String.format(Locale.US, "$%,.2f", d);
    }

    public static String yesNo(Boolean b) {
        return b == null ? "" : (b ? "Yes" : "No");
    }
}
