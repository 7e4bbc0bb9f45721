package io.banwatch.collector;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's side of the dashboard over plain HTTP: it keeps the cookies the collector sets and
 * sends them back, follows no redirect, and signs in through the form as a person does.
 */
public final class DashboardClient {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final TestCollector collector;
    /** The cookies this browser holds, by name. */
    public final Map<String, String> cookies = new LinkedHashMap<>();

    public DashboardClient(TestCollector collector) {
        this.collector = collector;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Posts a form as a browser does (application/x-www-form-urlencoded). */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends a request with this browser's cookies, and keeps the cookies the answer sets or clears. */
    public HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = collector.send(b.build());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            if (cleared(set)) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(pair.indexOf('=') + 1));
            }
        }
        return r;
    }

    /** A Set-Cookie header that deletes its cookie: empty, and expired already. */
    public static boolean cleared(String setCookie) {
        String lower = setCookie.toLowerCase();
        return setCookie.split(";", 2)[0].endsWith("=")
                && (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970"));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(collector.base + path)).timeout(Duration.ofSeconds(20));
    }

    /** Opens the sign-in page, types the token and presses the button; returns the answer to the form. */
    public HttpResponse<String> signIn(String token) {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        return post("/login", Map.of("csrf", csrfIn(page.body()), "token", token));
    }

    /** Signs in and checks that it worked: the summary comes next. */
    public DashboardClient signedIn(String token) {
        HttpResponse<String> r = signIn(token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        return this;
    }

    public String session() {
        return cookies.get("banwatch_session");
    }

    /** The CSRF token the dashboard's pages put in their forms for this browser's session. */
    public String csrf() {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).as("signed in").isEqualTo(200);
        return csrfIn(r.body());
    }

    public static String csrfIn(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a csrf field in " + html).isTrue();
        return m.group(1);
    }

    /** Where a redirect goes, or null. */
    public static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse(null);
    }

    /** The Set-Cookie header for one cookie, as sent. */
    public static String setCookie(HttpResponse<String> r, String name) {
        List<String> all = r.headers().allValues("Set-Cookie").stream().filter(s -> s.startsWith(name + "=")).toList();
        assertThat(all).as("Set-Cookie " + name).hasSize(1);
        return all.get(0);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
