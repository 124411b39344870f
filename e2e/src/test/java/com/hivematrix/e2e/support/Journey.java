package com.hivematrix.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.hivematrix.shared.testsupport.RepoRoot;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * What every browser journey shares: the one platform of this test JVM ({@link Platform#shared()}),
 * headless Chromium per journey class, logins through the Keycloak page, and screenshots under
 * e2e/target/screenshots/ named {@code <prefix>-<name>.png}.
 */
public abstract class Journey {

    public static final Path SHOTS = RepoRoot.get().resolve("e2e/target/screenshots");
    protected static Platform platform;
    protected static Playwright playwright;
    protected static Browser browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        platform = Platform.shared();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("HIVEMATRIX_CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The prefix of this journey's screenshot files. */
    protected abstract String prefix();

    protected void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(prefix() + "-" + name + ".png")).setFullPage(true));
    }

    /** A fresh browser context (no cookies) with a 1280×900 viewport that accepts downloads. */
    protected static BrowserContext freshContext() {
        return browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)
                .setViewportSize(1280, 900).setAcceptDownloads(true));
    }

    /** A new Keycloak user in {@code group}, logged in through the Keycloak page after opening {@code path}. */
    protected static Page login(String group, String path) {
        String[] user = platform.keycloak.createUser(group);
        Page page = freshContext().newPage();
        page.navigate(platform.origin + path);
        page.waitForSelector("#username");
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(platform.origin) && !url.contains("/keycloak/"));
        return page;
    }
}
