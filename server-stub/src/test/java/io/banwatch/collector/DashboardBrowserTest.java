package io.banwatch.collector;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * hosts report hostnames, package names, publishers and versions that are HTML, and CSV formulas,
 * and a compliance officer who signs in through the form sees them as text, with no script run.
 *
 * <p>Without Chromium or chromedriver the class is skipped, unless the system property
 * {@code banwatch.browserTests} is {@code required} (as CI sets it), where it fails. One browser
 * session serves all tests on one database; the class runs on SQLite and on PostgreSQL like the
 * other collector tests. Screenshots of every page go to {@code target/screenshots/DATABASE/}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static final String SCRIPT_PACKAGE = "<script>alert(1)</script>";
    static final String IMG_HOSTNAME = "ws-<img src=x onerror=alert(2)>";
    static final String ATTR_PUBLISHER = "\"><svg onload=alert(3)> Evil Corp";
    static final String STYLE_VERSION = "1.0<style>body{display:none}</style>";
    static final String CSV_HOSTNAME = "=HYPERLINK(\"http://evil.example\",\"x\")";
    static final String CSV_PACKAGE = "@SUM(1+1)*cmd|' /C calc'!A0";

    @TempDir
    static Path dir;

    private static final Instant START = Instant.parse("2026-09-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    /** The database of this run; one instance serves every run (PER_CLASS), so it is injected, not constructed. */
    @Parameter
    TestDatabase.Kind kind;
    // Not registered as an extension: its schema lives for the whole run on one database, not one test.
    private TestDatabase db;
    private Path screenshots;
    private Path runDir;
    private TestCollector collector;
    private WebDriver driver;
    private String viewer;
    private String missingBrowser;
    private String emptyFleetSummary;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startCollectorAndBrowser() throws IOException {
        db = new TestDatabase(kind);
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots", name);
        runDir = dir.resolve(name);
        driver = null;
        collector = null;
        // Seeding moves the clock; each run starts from the same day.
        clock.set(START);
        missingBrowser = missingBrowser();
        if (missingBrowser != null) {
            return;
        }
        db.create();
        collector = TestCollector.start(db.config(runDir).build(), clock);
        viewer = collector.viewer();
        Files.createDirectories(screenshots);
        driver = startChromium(Files.createDirectories(runDir.resolve("chromium-profile")));
        signIn(viewer);
        emptyFleetSummary = body();
        screenshot("00-summary-empty-fleet");
        seedFleet();
        // Seeding moved the clock by weeks, past the first session's expiry: sign in again.
        signIn(viewer);
    }

    /** Each test reports itself skipped, with the reason, so a run without Chromium is visible as such. */
    @BeforeEach
    void skipWithoutBrowser() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (collector != null) {
            collector.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void signInPageShowsAWrongTokenAsAnErrorAndKeepsTheSessionCookieFromScripts() {
        open("/login");
        assertThat(title()).isEqualTo("Sign in - banwatch");
        screenshot("01-sign-in");
        driver.findElement(By.id("token")).sendKeys("not-a-token");
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(body()).contains("That token is not valid.");
        screenshot("02-sign-in-error");
        assertNoScriptRanOrWasInjected();

        Cookie session = driver.manage().getCookieNamed("banwatch_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
    }

    @Test
    void beforeAnyReportTheSummarySaysNoHostHasReported() {
        assertThat(emptyFleetSummary).contains("No host has reported yet.", "Milestones")
                .doesNotContain("Most serious hosts");
    }

    @Test
    void summaryCountsTheFleetAndDrawsTheChartWithoutScripts() {
        open("/");
        assertThat(title()).isEqualTo("Fleet summary - banwatch");
        String text = body();
        assertThat(text).contains("Fleet summary", "Milestones", "Most serious hosts", IMG_HOSTNAME,
                "On 2026-11-23: 2 hosts with Kaspersky installed; the most in these 90 days was 3, on 2026-09-21.");
        assertThat(driver.findElements(By.cssSelector("svg.chart path.series"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("svg.chart rect.day"))).hasSize(90);
        screenshot("03-summary");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void hostsListShowsHostnamesLiterallyAndEscapesTheSearchBox() {
        open("/hosts");
        assertThat(title()).isEqualTo("Hosts - banwatch");
        assertThat(body()).contains(IMG_HOSTNAME, CSV_HOSTNAME, "ws-0042", "5 hosts");
        screenshot("04-hosts");
        assertNoScriptRanOrWasInjected();

        WebElement search = driver.findElement(By.name("q"));
        search.sendKeys("\"><script>alert(5)</script>");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(driver.findElement(By.name("q")).getDomProperty("value")).isEqualTo("\"><script>alert(5)</script>");
        assertThat(body()).contains("0 hosts", "No hosts match these filters.");
        screenshot("05-hosts-search-no-match");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void hostDetailShowsTheMaliciousPackagePublisherAndVersionAsText() {
        open("/hosts");
        submit(driver.findElement(By.linkText(IMG_HOSTNAME)));
        assertThat(title()).isEqualTo("Host " + IMG_HOSTNAME + " - banwatch");
        String text = body();
        assertThat(text).contains(SCRIPT_PACKAGE, ATTR_PUBLISHER, STYLE_VERSION, CSV_PACKAGE,
                "Kaspersky Endpoint Security for Linux", "<b>Vendor</b>", "<iframe src=about:blank></iframe>");
        Number overflow = (Number) ((ChromeDriver) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("the page scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("06-host-detail");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void findingsPageLinksEveryFindingToItsHostByItsLiteralName() {
        open("/findings");
        assertThat(title()).isEqualTo("Findings - banwatch");
        assertThat(body()).contains(IMG_HOSTNAME, "ws-0042", "Kaspersky Endpoint Security for Linux", "VIOLATION");
        assertThat(driver.findElements(By.linkText(IMG_HOSTNAME))).isNotEmpty();
        screenshot("07-findings");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void anUnknownHostOrABadFilterGetsADashboardPageNotJson() {
        open("/hosts/no-such-host");
        assertThat(title()).isEqualTo("Host not found - banwatch");
        assertThat(body()).contains("no-such-host");
        screenshot("08-host-not-found");
        assertNoScriptRanOrWasInjected();

        open("/hosts?level=%3Cscript%3Ealert(6)%3C/script%3E");
        assertThat(title()).isEqualTo("Hosts: bad filter - banwatch");
        assertThat(body()).contains("not '<script>alert(6)</script>'");
        assertNoScriptRanOrWasInjected();
        assertThat(collector.get("/hosts/no-such-host", viewer).statusCode()).isEqualTo(404);
        assertThat(collector.get("/hosts?level=severe", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void findingsFilteredToALevelWithoutFindingsSaysSo() {
        open("/findings?level=DEADLINE");
        assertThat(body()).contains("0 findings", "No findings at level DEADLINE.");
        screenshot("09-findings-none-at-level");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void everyPageForbidsScriptsInItsContentSecurityPolicy() {
        for (String path : List.of("/login", "/", "/hosts", "/findings")) {
            HttpResponse<String> r = collector.get(path, viewer);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            List<String> directives = Arrays.stream(csp.split(";")).map(String::strip).toList();
            assertThat(directives).as(path).contains("default-src 'none'");
            assertThat(directives).as(path).noneMatch(d -> d.startsWith("script-src") && !d.equals("script-src 'none'"));
            assertThat(csp).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void hostsCsvFromTheDashboardLinkNeutralisesTheFormulaHostname() {
        open("/hosts");
        String href = driver.findElement(By.linkText("Export CSV")).getDomAttribute("href");
        Cookie session = driver.manage().getCookieNamed("banwatch_session");
        HttpResponse<String> r = collector.send(HttpRequest.newBuilder(URI.create(collector.base).resolve(href))
                .timeout(Duration.ofSeconds(20)).header("Cookie", session.getName() + "=" + session.getValue()).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(6);
        String row = lines.stream().filter(l -> l.startsWith("host-csv,")).findFirst().orElseThrow();
        assertThat(row).startsWith("host-csv,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",");
        assertThat(lines).anyMatch(l -> l.startsWith("host-img," + IMG_HOSTNAME + ",VIOLATION,"));
        assertThat(lines.stream().skip(1)).noneMatch(l -> l.contains(",=") || l.contains(",\"=") || l.contains(",@"));
    }

    // ---- the fleet ----

    /** Five hosts over twelve weeks, so the chart has a shape: three Kaspersky installs, one removal, one stale host. */
    private void seedFleet() {
        Enrolled ws42 = enroll("host-0042", "ws-0042", "us-federal");
        Enrolled ws107 = enroll("host-0107", "ws-0107", "us-federal");
        Enrolled lt7 = enroll("host-lt07", "fin-lt-07", "us-private");
        Enrolled img = enroll("host-img", IMG_HOSTNAME, "us-federal-contractor");
        Enrolled csv = enroll("host-csv", CSV_HOSTNAME, "us-private");

        ingest(ws42, Samples.withKesl(), List.of(kesProduct()));
        ingest(ws107, Samples.baseSoftware(), List.of());
        ingest(lt7, Samples.withKesl(), List.of(kesProduct()));
        clock.advance(Duration.ofDays(20));
        ingest(img, maliciousSoftware(), maliciousProducts());
        ingest(csv, Samples.baseSoftware(), List.of());
        clock.advance(Duration.ofDays(30));
        ingest(lt7, Samples.baseSoftware(), List.of());
        clock.advance(Duration.ofDays(33));
        ingest(ws42, Samples.withKesl(), List.of(kesProduct()));
        ingest(img, maliciousSoftware(), maliciousProducts());
        ingest(csv, Samples.baseSoftware(), List.of());
        ingest(lt7, Samples.baseSoftware(), List.of());
    }

    private record Enrolled(String token, Host host, String profile) {
    }

    /** Enrolls under a plain name (the enrollment JSON is built by hand); the reports carry the real hostname. */
    private Enrolled enroll(String id, String hostname, String profile) {
        return new Enrolled(collector.enroll(id, "ws-" + id), new Host(id, hostname,
                new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0"), "x86_64", null), profile);
    }

    private static List<Software> maliciousSoftware() {
        List<Software> s = new ArrayList<>(Samples.withKesl());
        s.add(Software.pkg(SCRIPT_PACKAGE, STYLE_VERSION, ATTR_PUBLISHER, "dpkg", "amd64"));
        s.add(Software.pkg(CSV_PACKAGE, "2.0", "=HYPERLINK(\"http://evil.example\")", "dpkg", "amd64"));
        // Not hostile, just long and unbroken, as Store app identifiers are: the table must still fit.
        s.add(Software.pkg("Microsoft.VCLibs.140.00.UWPDesktop_14.0.33519.0_x64__8wekyb3d8bbwe", "14.0.33519.0",
                "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US", "appx", "x64"));
        return s;
    }

    private List<SecurityProduct> maliciousProducts() {
        return List.of(kesProduct(), new SecurityProduct("<b>Vendor</b>", "<iframe src=about:blank></iframe>", STYLE_VERSION,
                "antivirus", true, null, null, List.of()));
    }

    private SecurityProduct kesProduct() {
        return new SecurityProduct("Kaspersky", "Kaspersky Endpoint Security for Linux", "12.1.0-1297", "antivirus",
                true, false, clock.instant().minus(Duration.ofDays(3)),
                List.of(new Evidence(EvidenceKind.PROCESS, "proc", "kesl", null, null)));
    }

    private void ingest(Enrolled e, List<Software> software, List<SecurityProduct> products) {
        byte[] r = ReportBuilder.report().scannedAt(clock.instant()).asOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .profile(e.profile()).host(e.host()).software(software).securityProducts(products).json();
        HttpResponse<String> res = collector.post("/api/v1/reports", e.token(), r, null);
        assertThat(res.statusCode()).as(res.body()).isBetween(200, 202);
    }

    // ---- the browser ----

    /**
     * Why the browser tests cannot run here, or null when they can; fails instead when CI said
     * browser tests are required.
     */
    static String missingBrowser() {
        String mode = System.getProperty("banwatch.browserTests", "optional");
        if (!mode.equals("optional") && !mode.equals("required")) {
            fail("banwatch.browserTests must be 'optional' or 'required', not '" + mode + "'");
        }
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String why = "browser test needs " + String.join(" and ", missing)
                + " (apt-get install chromium chromium-driver)";
        if (mode.equals("required")) {
            fail(why + "; banwatch.browserTests=required");
        }
        return why + "; skipped because banwatch.browserTests=optional";
    }

    static WebDriver startChromium(Path profile) {
        // Never let Selenium Manager look for (or download) a browser or driver: the paths are given.
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(20)).withSilent(true).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1366,900", "--user-data-dir=" + profile);
        options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
        options.setPageLoadTimeout(Duration.ofSeconds(10));
        options.setScriptTimeout(Duration.ofSeconds(5));
        options.setImplicitWaitTimeout(Duration.ZERO);
        // Leave any alert open, so switchTo().alert() can see it instead of the driver dismissing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options,
                ClientConfig.defaultConfig().connectionTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)));
    }

    /** Signs in the way a person does: type the token, press the button; the cookie is HttpOnly. */
    private void signIn(String token) {
        open("/login");
        driver.findElement(By.id("token")).sendKeys(token);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(driver.getCurrentUrl()).isEqualTo(collector.base + "/");
        assertThat(title()).isEqualTo("Fleet summary - banwatch");
    }

    /** Clicks a button or link and waits until the next page has replaced this one and loaded. */
    private void submit(WebElement element) {
        PageLoads.clickAndWait(driver, element);
    }

    private void open(String path) {
        driver.get(collector.base + path);
    }

    private String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private String title() {
        return (String) ((ChromeDriver) driver).executeScript("return window.document.title");
    }

    /**
     * No alert is open, and the data put no script, image, frame, style or event handler into the
     * DOM: that is the escaping at work, not just the CSP (which would stop a script either way).
     */
    private void assertNoScriptRanOrWasInjected() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("img, iframe, object, embed, body style"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//*[@*[starts-with(name(), 'on')]]"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("svg:not(.chart), svg.chart svg"))).isEmpty();
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .toList();
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    /** The whole page, not just the window: the window grows to the page's height for the shot. */
    private void screenshot(String name) {
        ChromeDriver d = (ChromeDriver) driver;
        Dimension before = d.manage().window().getSize();
        long height = ((Number) d.executeScript("return document.documentElement.scrollHeight")).longValue();
        d.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 140, 900), 6000)));
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            d.manage().window().setSize(before);
        }
    }
}
