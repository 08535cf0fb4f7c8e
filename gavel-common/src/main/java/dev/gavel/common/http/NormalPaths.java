package dev.gavel.common.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which request paths are taken. A service resolves dot segments and percent-encoded dots and slashes itself, so a
 * path such as {@code /api/bids/../../q/health} or {@code /ws/%2e%2e/q/metrics} would be routed by a proxy by its
 * public prefix and then reach {@code /q/*}. Only paths that are already normal are taken, by the gateway and by every
 * service ({@link PathGuard}): no {@code .} or {@code ..} segment, no encoded dot, slash, backslash or percent, no
 * backslash, no empty segment. Such a path means the same to every hop, so it can never leave the prefix it was
 * routed by. Legitimate clients never send anything else. A pure rule: no state, no I/O.
 */
public final class NormalPaths {

    private static final Pattern ENCODED_SEPARATOR_OR_DOT = Pattern.compile("%(2e|2f|5c|25)", Pattern.CASE_INSENSITIVE);

    private NormalPaths() {
    }

    /** Whether the raw (undecoded) path is normal in the sense above. */
    public static boolean isNormal(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        if (ENCODED_SEPARATOR_OR_DOT.matcher(rawPath).find()) {
            return false;
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return false; // "//": some servers merge slashes, some do not
            }
        }
        return true;
    }

    /** Management endpoints of a service: never reachable through the gateway. */
    public static boolean isManagement(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.equals("/q") || lower.startsWith("/q/");
    }
}
