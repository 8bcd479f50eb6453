package org.aptrust.registry.db.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, the way psql does: semicolons inside quoted
 * strings, quoted identifiers, dollar-quoted bodies and comments do not end a statement.
 */
public final class SqlStatements {

    /** One statement and the line of the script it starts on, for error messages. */
    public record Statement(String sql, int line) {
    }

    private SqlStatements() {
    }

    public static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int line = 1;
        int startLine = 1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                end = endOfBlockComment(script, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
                end = endOfQuoted(script, i, '\'', escapes);
                if (!hasCode) {
                    startLine = line;
                }
                hasCode = true;
            } else if (c == '"') {
                end = endOfQuoted(script, i, '"', false);
                if (!hasCode) {
                    startLine = line;
                }
                hasCode = true;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int close = script.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
                if (!hasCode) {
                    startLine = line;
                }
                hasCode = true;
            } else if (c == ';') {
                if (hasCode) {
                    statements.add(new Statement(current.toString().strip(), startLine));
                }
                current.setLength(0);
                hasCode = false;
                i++;
                continue;
            } else {
                if (!Character.isWhitespace(c) && !hasCode) {
                    startLine = line;
                    hasCode = true;
                }
                if (c == '\n') {
                    line++;
                }
                current.append(c);
                i++;
                continue;
            }
            String chunk = script.substring(i, end);
            line += (int) chunk.chars().filter(ch -> ch == '\n').count();
            current.append(chunk);
            i = end;
        }
        if (hasCode) {
            statements.add(new Statement(current.toString().strip(), startLine));
        }
        return statements;
    }

    private static int endOfBlockComment(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int endOfQuoted(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** The dollar-quote tag ($$ or $name$) starting at i, or null when '$' starts something else ($1). */
    private static String dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(s.charAt(j))) {
                return null;
            }
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }
}
