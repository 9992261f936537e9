package io.vigil.detection.threatintel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sources a command line downloads from: the hosts of its URLs and the bare hosts it names, when the command
 * line runs a download tool (curl, wget, fetch, tftp, ftp, aria2c, axel, lwp-download; also under busybox or sudo).
 * Only a tool's words are looked at, so {@code echo http://x} or a host in a log line is no download.
 */
final class DownloadSources {

    /** A source: the text the command line names it by (a URL or a host) and the host in it. */
    record Source(String written, String host) {
    }

    private static final Pattern TOOL = Pattern.compile(
            "(?:^|[\\s;&|(`/'\"])(curl|wget|fetch|tftp|ftp|aria2c|axel|lwp-download)(?=\\s|$)", Pattern.CASE_INSENSITIVE);
    /** scheme://[user@]host[:port]..., the host a name, an IPv4 literal or a bracketed IPv6 literal. */
    private static final Pattern URL = Pattern.compile(
            "\\b[a-z][a-z0-9+.-]*://(?:[^/@\\s'\"]*@)?(\\[[0-9a-f:.]+\\]|[^/:\\s'\"?#]+)", Pattern.CASE_INSENSITIVE);
    /** A bare host[:port][/path] word (curl and tftp take these): a dotted name ending in letters, or an IPv4 literal. */
    private static final Pattern BARE_HOST = Pattern.compile(
            "((?:[a-z0-9_-]+\\.)+[a-z][a-z0-9-]*|\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d+)?(?:/\\S*)?", Pattern.CASE_INSENSITIVE);

    private DownloadSources() {
    }

    /** Every source the command line names after a download tool; empty when it runs none. */
    static List<Source> of(String commandLine) {
        Matcher tool = TOOL.matcher(commandLine);
        if (!tool.find()) {
            return List.of();
        }
        List<Source> sources = new ArrayList<>();
        for (String word : commandLine.substring(tool.end()).split("[\\s;&|()`]+")) {
            String token = unquote(word);
            if (token.isEmpty() || token.startsWith("-")) {
                continue;
            }
            Matcher url = URL.matcher(token);
            if (url.find()) {
                sources.add(new Source(token, host(url.group(1))));
                continue;
            }
            Matcher bare = BARE_HOST.matcher(token);
            if (bare.matches() && !looksLikeFile(bare.group(1))) {
                sources.add(new Source(token, bare.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        return sources;
    }

    private static String host(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }

    private static String unquote(String word) {
        return word.replaceAll("^['\"]+|['\"]+$", "");
    }

    /** {@code -O x.sh} names a file, not a host: a word ending in a common file extension is not taken as a host. */
    private static boolean looksLikeFile(String name) {
        return name.matches("(?i).*\\.(sh|py|pl|rb|js|txt|log|tar|gz|tgz|zip|bin|elf|so|json|conf|cfg|html?|php|exe|deb|rpm|apk|out|tmp)$");
    }
}
