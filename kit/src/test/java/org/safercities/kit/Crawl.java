package org.safercities.kit;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safercities.platform.Browser;
import org.safercities.platform.RouteTable;

/**
 * The pages a signed-in person can reach by following links from the home page, and every form on them
 * (action, method, fields): what the reliability tests send their requests to, so that a module merged later
 * is covered without a change here.
 */
final class Crawl {

    /** A form as the page shows it: where it posts, and each field's name with the value the page put in it. */
    record PageForm(String page, String action, String method, Map<String, String> fields, boolean upload) {
    }

    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)\"");
    private static final Pattern FORM = Pattern.compile("(?s)<form\\b([^>]*)>(.*?)</form>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("(?s)<(input|select|textarea)\\b([^>]*)>");

    final Set<String> pages = new LinkedHashSet<>();
    final List<PageForm> forms = new ArrayList<>();

    static Crawl of(Browser b, int maxPages) {
        Crawl c = new Crawl();
        Deque<String> todo = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(todo);
        Map<String, Integer> shapes = new java.util.HashMap<>();
        while (!todo.isEmpty() && c.pages.size() < maxPages) {
            String path = todo.poll();
            HttpResponse<String> r = b.get(path);
            if (r.statusCode() != 200) {
                continue;
            }
            c.pages.add(path);
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                continue;
            }
            String body = r.body();
            Matcher m = HREF.matcher(body);
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (link.startsWith("/assets/") || link.startsWith("/language") || link.contains("lang=")) {
                    continue;
                }
                // breadth before depth: a few pages of each shape (/x/{n}?…), so that 1,000 incidents do not
                // fill the crawl before the other modules' pages are seen
                String shape = link.replaceAll("\\?.*", "").replaceAll("/\\d+(?=/|$)", "/{n}");
                if (shapes.merge(shape, 1, Integer::sum) <= 3 && seen.add(link)) {
                    todo.add(link);
                }
            }
            Matcher f = FORM.matcher(body);
            while (f.find()) {
                Map<String, String> attrs = attrs(f.group(1));
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher field = FIELD.matcher(f.group(2));
                boolean upload = false;
                while (field.find()) {
                    Map<String, String> a = attrs(field.group(2));
                    if ("file".equals(a.get("type"))) {
                        upload = true;
                    }
                    if (a.containsKey("name") && !"file".equals(a.get("type"))) {
                        fields.putIfAbsent(a.get("name"), a.getOrDefault("value", ""));
                    }
                }
                String action = attrs.getOrDefault("action", path).replace("&amp;", "&");
                c.forms.add(new PageForm(path, action, attrs.getOrDefault("method", "get").toUpperCase(java.util.Locale.ROOT),
                        fields, upload || attrs.containsKey("data-upload")));
            }
        }
        return c;
    }

    private static final Pattern SELECT = Pattern.compile("(?s)<select\\b([^>]*)>(.*?)</select>");
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>");
    private static final Pattern TEXTAREA = Pattern.compile("(?s)<textarea\\b([^>]*)>(.*?)</textarea>");

    /**
     * The fields the first form posting to {@code action} on this page would send as it stands: inputs with their
     * values (check boxes only when checked), each select's selected option (or its first), textareas' text.
     */
    static Map<String, String> formValues(String html, String action) {
        Matcher f = FORM.matcher(html);
        while (f.find()) {
            Map<String, String> attrs = attrs(f.group(1));
            if (!action.equals(attrs.get("action"))) {
                continue;
            }
            String body = f.group(2);
            Map<String, String> out = new LinkedHashMap<>();
            Matcher in = FIELD.matcher(body);
            while (in.find()) {
                Map<String, String> a = attrs(in.group(2));
                String type = a.getOrDefault("type", "text");
                if (!in.group(1).equals("input") || !a.containsKey("name") || type.equals("file") || type.equals("submit")) {
                    continue;
                }
                if ((type.equals("checkbox") || type.equals("radio")) && !in.group(2).contains(" checked")) {
                    continue;
                }
                out.putIfAbsent(a.get("name"), a.getOrDefault("value", ""));
            }
            Matcher sel = SELECT.matcher(body);
            while (sel.find()) {
                Map<String, String> a = attrs(sel.group(1));
                String chosen = null;
                Matcher o = OPTION.matcher(sel.group(2));
                while (o.find()) {
                    Map<String, String> oa = attrs(o.group(1));
                    String v = oa.getOrDefault("value", "");
                    if (chosen == null && !v.isEmpty() || o.group(1).contains(" selected")) {
                        chosen = v;
                        if (o.group(1).contains(" selected")) {
                            break;
                        }
                    }
                }
                if (a.containsKey("name") && chosen != null) {
                    out.putIfAbsent(a.get("name"), chosen);
                }
            }
            Matcher ta = TEXTAREA.matcher(body);
            while (ta.find()) {
                Map<String, String> a = attrs(ta.group(1));
                if (a.containsKey("name")) {
                    out.putIfAbsent(a.get("name"), ta.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                            .replace("&quot;", "\"").replace("&#39;", "'"));
                }
            }
            return out;
        }
        throw new AssertionError("no form posting to " + action + " on the page");
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#61;", "=").replace("&#x60;", "`").replace("&#96;", "`").replace("&amp;", "&");
    }

    private static Map<String, String> attrs(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), unescape(m.group(2)));
        }
        return out;
    }

    /**
     * A crawled path that fits the route's template ({id} for any one segment) and no route more literal
     * ({@code /areas/import} is not an example of {@code /areas/{id}}), if any.
     */
    String example(RouteTable.Route r, List<RouteTable.Route> all) {
        Pattern p = template(r.path());
        long params = r.path().chars().filter(ch -> ch == '{').count();
        List<Pattern> moreLiteral = all.stream().filter(o -> o.method().equals(r.method()) && !o.equals(r)
                && o.path().chars().filter(ch -> ch == '{').count() < params).map(o -> template(o.path())).toList();
        for (String page : pages) {
            String plain = page.contains("?") ? page.substring(0, page.indexOf('?')) : page;
            if (p.matcher(plain).matches() && moreLiteral.stream().noneMatch(o -> o.matcher(plain).matches())) {
                return plain;
            }
        }
        return null;
    }

    static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/?]+\\\\Q"));
    }
}
